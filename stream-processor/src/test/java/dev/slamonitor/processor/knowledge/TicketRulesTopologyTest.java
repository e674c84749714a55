package dev.slamonitor.processor.knowledge;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.knowledge.KnowledgeFixture.COMPLETE_HANDOFF;
import static dev.slamonitor.processor.knowledge.KnowledgeFixture.escalated;
import static dev.slamonitor.processor.knowledge.KnowledgeFixture.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SopRejected;
import dev.slamonitor.event.SopUpdate;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Closure rule, RCA due, handoff contract and ping-pong, on the full topology (TopologyTestDriver). */
class TicketRulesTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private final KnowledgeFixture kx = new KnowledgeFixture(T0);

    @AfterEach
    void close() {
        kx.close();
    }

    @Test
    void shouldRaiseKnowledgeGapWhenARepeatRootCauseClosesWithoutAnSopDecision() {
        // given a first ticket with the cause (not yet a repeat), closed without SOP decision
        kx.send(opened("T-1", Severity.HIGH, T0));
        kx.send(resolved("T-1", "data-sync-lag", T0.plusSeconds(60)).build());
        assertThat(kx.alerts(AlertType.KNOWLEDGE_GAP)).isEmpty();

        // when the second and third tickets repeat it: one with an SOP update, one with a rejection, one with neither
        kx.send(opened("T-2", Severity.HIGH, T0));
        kx.send(resolved("T-2", "data-sync-lag", T0.plusSeconds(120)).sopUpdate(new SopUpdate("v12")).build());
        kx.send(opened("T-3", Severity.HIGH, T0));
        kx.send(resolved("T-3", "data-sync-lag", T0.plusSeconds(180)).sopRejected(new SopRejected("upstream bug, fix scheduled")).build());
        kx.send(opened("T-4", Severity.LOW, T0));
        kx.send(resolved("T-4", "data-sync-lag", T0.plusSeconds(240)).sopUpdate(new SopUpdate(" ")).build());

        // then only the last one is a knowledge gap, about the ticket, to the tag owner
        assertThat(kx.alerts(AlertType.KNOWLEDGE_GAP)).singleElement().satisfies(a -> {
            assertThat(a.ticketId()).isEqualTo("T-4");
            assertThat(a.owner()).isEqualTo("platform-data");
            assertThat(a.severity()).isEqualTo("low");
            assertThat(a.details()).containsEntry("count", 4).containsEntry("window", "30d");
        });
    }

    @Test
    void shouldCountRepeatEscalationsAgainstAllEscalatedResolutions() {
        // given two escalated tickets resolved with the same cause, and one not escalated
        for (String id : List.of("T-1", "T-2")) {
            kx.send(opened(id, Severity.HIGH, T0));
            kx.send(escalated(id, SupportTier.L1, SupportTier.L2, T0.plusSeconds(10), COMPLETE_HANDOFF));
            kx.send(resolved(id, "mobile-app-crash", T0.plusSeconds(id.equals("T-1") ? 100 : 200))
                    .sopUpdate(new SopUpdate("v1")).build());
        }
        kx.resolvedTicket("T-3", "mobile-app-crash", T0.plusSeconds(300));

        // then 2 escalated resolutions, of which the second was already a repeat
        assertThat(kx.counter("slamon.escalated.resolutions", null, null)).isEqualTo(2.0);
        assertThat(kx.counter("slamon.repeat.escalations", "tag", "mobile-app-crash")).isEqualTo(1.0);
    }

    @Test
    void shouldRaiseRcaOverdueOnWallClockTimeWhenAnEscalatedTicketHasNoRca() {
        // given two escalated tickets resolved at T0; only T-2 publishes its RCA
        for (String id : List.of("T-1", "T-2")) {
            kx.send(opened(id, Severity.CRITICAL, T0.minusSeconds(600)));
            kx.send(escalated(id, SupportTier.L1, SupportTier.L2, T0.minusSeconds(300), COMPLETE_HANDOFF));
            kx.send(resolved(id, "permissions-model", T0).sopUpdate(new SopUpdate("v3")).build());
        }
        kx.send(event(EventType.RCA_PUBLISHED, "T-2", T0.plus(Duration.ofHours(20))).rcaUrl("https://wiki/rca/T-2").build());

        // when the wall clock (at the RCA's time now: the fixture sends events when they happen) reaches
        // just before, then past the 48 h deadline, with no further event
        kx.fx.advanceTo(T0.plus(Duration.ofHours(48)).minusSeconds(5));
        assertThat(kx.alerts(AlertType.RCA_OVERDUE)).isEmpty();
        kx.fx.advanceWallClock(Duration.ofSeconds(10));
        kx.fx.advanceWallClock(Duration.ofHours(1));

        // then exactly one RCA_OVERDUE, for T-1, with the deadline
        assertThat(kx.alerts(AlertType.RCA_OVERDUE)).singleElement().satisfies(a -> {
            assertThat(a.ticketId()).isEqualTo("T-1");
            assertThat(a.deadline()).isEqualTo(T0.plus(Duration.ofHours(48)));
            assertThat(a.tier()).isEqualTo("L2");
            assertThat(a.firedAt()).isAfterOrEqualTo(a.deadline());
        });
        assertThat(kx.counter("slamon.timers.fired", "feature", "knowledge-rca")).isEqualTo(2.0);
    }

    @Test
    void shouldNotRequireAnRcaForATicketThatWasNeverEscalated() {
        kx.resolvedTicket("T-1", "permissions-model", T0);
        kx.fx.advanceWallClock(Duration.ofDays(3));
        assertThat(kx.alerts(AlertType.RCA_OVERDUE)).isEmpty();
    }

    @Test
    void shouldNameEveryMissingHandoffInput() {
        // given an escalation with a summary but empty steps, a blank reason and no impact or expectation
        kx.send(opened("T-1", Severity.HIGH, T0));
        kx.send(escalated("T-1", SupportTier.L1, SupportTier.L2, T0.plusSeconds(60),
                new Handoff("Cannot log in", List.of(), " ", null, null)));
        // and one with a complete handoff
        kx.send(opened("T-2", Severity.HIGH, T0));
        kx.send(escalated("T-2", SupportTier.L1, SupportTier.L2, T0.plusSeconds(60), COMPLETE_HANDOFF));

        // then one HANDOFF_INCOMPLETE naming the four missing fields
        assertThat(kx.alerts(AlertType.HANDOFF_INCOMPLETE)).singleElement().satisfies(a -> {
            assertThat(a.ticketId()).isEqualTo("T-1");
            assertThat(a.tier()).isEqualTo("L2");
            assertThat(a.details().get("missing")).isEqualTo(List.of("stepsTaken", "reason", "impact", "customerExpectation"));
        });
    }

    @Test
    void shouldRaisePingPongOnceWhenATicketMovesBetweenTiersMoreThanThePolicyAllows() {
        // given a ticket bounced L1 -> L2 -> L1 -> L2 (3 moves: allowed)
        kx.send(opened("T-1", Severity.MEDIUM, T0));
        SupportTier[] path = {SupportTier.L1, SupportTier.L2, SupportTier.L1, SupportTier.L2, SupportTier.L1, SupportTier.L2};
        for (int i = 1; i <= 3; i++) {
            kx.send(escalated("T-1", path[i - 1], path[i], T0.plusSeconds(i * 60L), COMPLETE_HANDOFF));
        }
        assertThat(kx.alerts(AlertType.PING_PONG)).isEmpty();

        // when it moves a 4th and 5th time, and one event is redelivered
        TicketEvent fourth = escalated("T-1", path[3], path[4], T0.plusSeconds(240), COMPLETE_HANDOFF);
        kx.send(fourth);
        kx.send(fourth);
        kx.send(escalated("T-1", path[4], path[5], T0.plusSeconds(300), COMPLETE_HANDOFF));

        // then exactly one PING_PONG
        assertThat(kx.alerts(AlertType.PING_PONG)).singleElement()
                .satisfies(a -> assertThat(a.details()).containsEntry("tierMoves", 4).containsEntry("maxTierMoves", 3));
        assertThat(kx.counter("slamon.alerts", "type", "PING_PONG")).isEqualTo(1.0);
    }
}
