package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TicketStateTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final TopologyFixture fx = new TopologyFixture(T0);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldPublishASnapshotAfterEveryAppliedEvent() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(simple(EventType.CUSTOMER_REPLIED, "T-1", T0.plusSeconds(60)));
        fx.send(simple(EventType.CUSTOMER_REPLIED, "T-1", T0.plusSeconds(120)));
        fx.send(event(EventType.ASSIGNED, "T-1", T0.plusSeconds(130)).owner("ana").build());
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", T0.plusSeconds(180)));

        List<TicketSnapshot> snapshots = fx.state.readValuesToList();
        assertThat(snapshots).hasSize(5);
        TicketSnapshot last = snapshots.get(4);
        assertThat(last.ticketId()).isEqualTo("T-1");
        assertThat(last.status()).isEqualTo("open");
        assertThat(last.severity()).isEqualTo("high");
        assertThat(last.tier()).isEqualTo("L1");
        assertThat(last.owner()).isEqualTo("ana");
        assertThat(last.customer().id()).isEqualTo("C-T-1");
        assertThat(last.customerReplies()).isEqualTo(2);
        assertThat(last.agentReplies()).isEqualTo(1);
        assertThat(last.customerRepliesSinceAgentReply()).isZero();
        assertThat(last.lastAgentActivityAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(last.lastCustomerActivityAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(last.appliedEvents()).isEqualTo(5);
    }

    @Test
    void shouldIgnoreADuplicateEventId() {
        TicketEvent reply = simple(EventType.CUSTOMER_REPLIED, "T-1", T0.plusSeconds(60));
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(reply);
        fx.send(reply);
        fx.send(reply);

        assertThat(fx.state.readValuesToList()).extracting(TicketSnapshot::customerReplies).containsExactly(0, 1);
        assertThat(fx.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldIgnoreARepublishedOpeningEventAndADuplicateArrivingAfterNewerEvents() {
        TicketEvent open = opened("T-1", Severity.HIGH, T0);
        TicketEvent reply = simple(EventType.CUSTOMER_REPLIED, "T-1", T0.plusSeconds(60));
        fx.send(open);
        fx.send(reply);
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", T0.plusSeconds(120)));
        fx.send(open);
        fx.send(reply);

        assertThat(fx.state.readValuesToList()).extracting(TicketSnapshot::appliedEvents).containsExactly(1L, 2L, 3L);
        assertThat(fx.deadLetters.isEmpty()).as("a duplicate is not a refusal").isTrue();
    }

    @Test
    void shouldNotLetALateStatusChangeOverwriteANewerOne() {
        fx.send(opened("T-1", Severity.MEDIUM, T0));
        fx.send(event(EventType.STATUS_CHANGED, "T-1", T0.plusSeconds(600)).status(TicketStatus.PENDING_CUSTOMER).build());
        // arrives later but happened earlier: must not roll the status back
        fx.send(event(EventType.STATUS_CHANGED, "T-1", T0.plusSeconds(300)).status(TicketStatus.ON_HOLD).build());
        // late reply still counts: it happened
        fx.send(simple(EventType.CUSTOMER_REPLIED, "T-1", T0.plusSeconds(200)));

        TicketSnapshot last = fx.state.readValuesToList().get(3);
        assertThat(last.status()).isEqualTo("pending_customer");
        assertThat(last.customerReplies()).isEqualTo(1);
        assertThat(last.lastEventAt()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void shouldTrackEscalationResolutionAndReopen() {
        fx.send(opened("T-1", Severity.CRITICAL, T0));
        fx.send(event(EventType.ESCALATED, "T-1", T0.plusSeconds(60)).fromTier(dev.slamonitor.event.SupportTier.L1)
                .toTier(dev.slamonitor.event.SupportTier.L2).build());
        fx.send(event(EventType.RESOLVED, "T-1", T0.plusSeconds(120)).rootCause("billing-sync").build());
        fx.send(event(EventType.CSAT_RECEIVED, "T-1", T0.plusSeconds(130)).score(2).build());
        fx.send(simple(EventType.REOPENED, "T-1", T0.plusSeconds(140)));

        List<TicketSnapshot> s = fx.state.readValuesToList();
        assertThat(s.get(1).tier()).isEqualTo("L2");
        assertThat(s.get(1).escalations()).isEqualTo(1);
        assertThat(s.get(2).status()).isEqualTo("solved");
        assertThat(s.get(2).resolvedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(s.get(3).csat()).isEqualTo(2);
        assertThat(s.get(4).status()).isEqualTo("open");
        assertThat(s.get(4).resolvedAt()).isNull();
        assertThat(s.get(4).rootCause()).isEqualTo("billing-sync");
    }
}
