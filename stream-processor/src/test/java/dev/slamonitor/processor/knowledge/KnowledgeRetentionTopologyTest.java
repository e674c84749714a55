package dev.slamonitor.processor.knowledge;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.knowledge.KnowledgeFixture.COMPLETE_HANDOFF;
import static dev.slamonitor.processor.knowledge.KnowledgeFixture.escalated;
import static dev.slamonitor.processor.knowledge.KnowledgeFixture.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.processor.knowledge.domain.KnowledgeTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The knowledge loop forgets finished tickets ({@code knowledge.ticket.retention=2h} here) through its
 * RCA deadline index, on wall-clock time.
 */
class KnowledgeRetentionTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final KnowledgeFixture kx = new KnowledgeFixture(Map.of("knowledge.ticket.retention", "2h"), T0);

    @AfterEach
    void close() {
        kx.close();
    }

    private KnowledgeTicket stored(String ticketId) {
        KeyValueStore<String, KnowledgeTicket> store = kx.fx.driver.getKeyValueStore(KnowledgeStores.TICKETS);
        return store.get(ticketId);
    }

    private double forgotten() {
        return kx.fx.metrics.find("slamon.tickets.forgotten").tag("feature", TicketKnowledgeProcessor.FEATURE)
                .counter().count();
    }

    @Test
    void shouldForgetAResolvedTicketThatOwesNoRcaWhenTheRetentionEnds() {
        // given a ticket never escalated, resolved now (wall clock T0)
        kx.resolvedTicket("T-1", "permissions-model", T0);

        // when the wall clock passes just before, then past, the retention
        kx.fx.advanceWallClock(Duration.ofHours(2).minusSeconds(5));
        KnowledgeTicket kept = stored("T-1");
        kx.fx.advanceWallClock(Duration.ofSeconds(10));

        // then it was kept, and is gone afterwards
        assertThat(kept).isNotNull();
        assertThat(stored("T-1")).isNull();
        assertThat(forgotten()).isEqualTo(1.0);
    }

    @Test
    void shouldKeepAnEscalatedTicketUntilItsRcaOverdueAlertThenForgetItAfterTheRetention() {
        // given an escalated ticket resolved at T0 without an RCA (due after 48 h)
        kx.send(opened("T-2", Severity.CRITICAL, T0.minusSeconds(600)));
        kx.send(escalated("T-2", SupportTier.L1, SupportTier.L2, T0.minusSeconds(300), COMPLETE_HANDOFF));
        kx.send(resolved("T-2", "permissions-model", T0).build());

        // when 47 h pass (far beyond the 2 h retention), then the RCA deadline, then the retention after it
        kx.fx.advanceWallClock(Duration.ofHours(47));
        assertThat(stored("T-2")).isNotNull();
        kx.fx.advanceWallClock(Duration.ofHours(1).plusSeconds(5));
        assertThat(kx.alerts(AlertType.RCA_OVERDUE)).hasSize(1);
        assertThat(stored("T-2")).isNotNull();
        kx.fx.advanceWallClock(Duration.ofHours(2).plusSeconds(5));

        // then the overdue alert fired once and the ticket is forgotten afterwards
        assertThat(stored("T-2")).isNull();
        assertThat(kx.alerts(AlertType.RCA_OVERDUE)).hasSize(1);
        assertThat(forgotten()).isEqualTo(1.0);
    }

    @Test
    void shouldKeepATicketReopenedBeforeTheRetentionEnds() {
        kx.resolvedTicket("T-3", "permissions-model", T0);
        kx.fx.advanceWallClock(Duration.ofHours(1));
        kx.send(event(EventType.REOPENED, "T-3", T0.plus(Duration.ofHours(1))).build());
        kx.fx.advanceWallClock(Duration.ofHours(5));
        assertThat(stored("T-3")).isNotNull();
        assertThat(forgotten()).isZero();
    }
}
