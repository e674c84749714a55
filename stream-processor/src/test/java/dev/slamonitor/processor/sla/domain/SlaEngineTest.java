package dev.slamonitor.processor.sla.domain;

import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure {@link SlaEngine} on its own, without Kafka: warning, breach, re-notification and
 * acknowledgement of one high-severity ticket under the default policy (first response 30 business
 * minutes, warning at 75 %, re-notify every 15 business minutes). T0 is a Monday 09:00 UTC and the
 * customer is in UTC, so business hours are open for the whole test.
 */
class SlaEngineTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));
    private static final SlaPolicy POLICY = SlaPolicyChannel.defaultPolicy();

    private Ticket ticket;
    private SlaState state;

    private List<Alert> event(TicketEvent event, Instant now) {
        ApplyResult applied = TicketEventApplier.apply(ticket, event);
        SlaEngine.Outcome outcome = SlaEngine.onEvent(state, ticket, applied.ticket(), event, POLICY, RETENTION, now);
        ticket = applied.ticket();
        state = outcome.state();
        return outcome.alerts();
    }

    private List<Alert> timer(Instant now) {
        SlaEngine.Outcome outcome = SlaEngine.onTimer(state, ticket, POLICY, RETENTION, now);
        state = outcome.state();
        return outcome.alerts();
    }

    private SlaEngine.AckOutcome ack(String alertId, Instant now) {
        SlaEngine.AckOutcome outcome = SlaEngine.onAck(state, ticket, POLICY,
                new AlertAck("ack-1", alertId, ticket.ticketId(), "oncall", "on it", now), RETENTION, now);
        state = outcome.state();
        return outcome;
    }

    private static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    /** The notices (not lifecycle records) of the first-response clock. */
    private static List<Alert> firstResponse(List<Alert> alerts) {
        return alerts.stream().filter(a -> "first_response".equals(a.clock()) && a.notifies()).toList();
    }

    @Test
    void shouldWarnAtThreeQuartersOfTheTargetAndNotBefore() {
        // given a high ticket opened at 09:00
        event(opened("T-1", Severity.HIGH, T0), T0);

        // when its timer runs just before and at 75 % of the 30-minute first response
        List<Alert> early = timer(at(Duration.ofMinutes(22)));
        List<Alert> due = timer(at(Duration.ofSeconds(22 * 60 + 30)));

        // then only the second one warns, with the deadline still ahead
        assertThat(firstResponse(early)).isEmpty();
        assertThat(firstResponse(due)).singleElement().satisfies(w -> {
            assertThat(w.type()).isEqualTo(AlertType.WARNING);
            assertThat(w.reason()).isEqualTo("warn_threshold");
            assertThat(w.deadline()).isEqualTo(at(Duration.ofMinutes(30)));
        });
        assertThat(state.wakeAt()).isEqualTo(at(Duration.ofMinutes(30)));
        assertThat(state.wakesForDeadline()).isTrue();
    }

    @Test
    void shouldBreachOnceAtTheDeadlineWithoutAFurtherEvent() {
        event(opened("T-1", Severity.HIGH, T0), T0);
        timer(at(Duration.ofSeconds(22 * 60 + 30)));

        List<Alert> atDeadline = timer(at(Duration.ofMinutes(30)));
        List<Alert> breach = firstResponse(atDeadline);
        List<Alert> again = firstResponse(timer(at(Duration.ofMinutes(31))));

        assertThat(breach).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(AlertType.BREACH);
            assertThat(b.reason()).isEqualTo("first_response_deadline");
            assertThat(b.firedAt()).isEqualTo(at(Duration.ofMinutes(30)));
        });
        assertThat(again).as("a later timer does not repeat the breach").isEmpty();
        // and the warning's condition ends with the breach
        assertThat(atDeadline).anyMatch(a -> a.type() == AlertType.WARNING && a.state() == AlertState.RESOLVED
                && "breached".equals(a.stateReason()));
    }

    @Test
    void shouldNotBreachWhenTheAgentRepliesInTime() {
        event(opened("T-1", Severity.HIGH, T0), T0);
        event(simple(EventType.AGENT_REPLIED, "T-1", at(Duration.ofMinutes(10))), at(Duration.ofMinutes(10)));

        assertThat(firstResponse(timer(at(Duration.ofHours(1))))).isEmpty();
    }

    @Test
    void shouldRenotifyAnUnacknowledgedBreachEveryIntervalUpToTheMaximumLevel() {
        event(opened("T-1", Severity.HIGH, T0), T0);
        Alert breach = firstResponse(timer(at(Duration.ofMinutes(30)))).get(0);

        List<Alert> renotified = new java.util.ArrayList<>();
        for (int minute = 31; minute <= 120; minute++) {
            renotified.addAll(firstResponse(timer(at(Duration.ofMinutes(minute)))));
        }

        // every 15 business minutes after the breach, levels 1..3, all under the breach's key
        assertThat(renotified).allMatch(a -> a.type() == AlertType.RENOTIFY && breach.alertKey().equals(a.alertKey()));
        assertThat(renotified).extracting(Alert::level).containsExactly(1, 2, 3);
        assertThat(renotified).extracting(Alert::firedAt)
                .containsExactly(at(Duration.ofMinutes(45)), at(Duration.ofMinutes(60)), at(Duration.ofMinutes(75)));
    }

    @Test
    void shouldStopReNotifyingOnceTheBreachIsAcknowledged() {
        event(opened("T-1", Severity.HIGH, T0), T0);
        Alert breach = firstResponse(timer(at(Duration.ofMinutes(30)))).get(0);

        // when on-call acknowledges at 09:40
        SlaEngine.AckOutcome acked = ack(breach.alertId(), at(Duration.ofMinutes(40)));

        // then one ACKNOWLEDGED record names who did it, and no re-notification follows
        assertThat(acked.refusal()).isNull();
        assertThat(acked.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED);
            assertThat(a.alertKey()).isEqualTo(breach.alertKey());
            assertThat(a.acknowledgedBy()).isEqualTo("oncall");
        });
        assertThat(firstResponse(timer(at(Duration.ofHours(2))))).noneMatch(a -> a.type() == AlertType.RENOTIFY);
        // and acknowledging again changes nothing
        assertThat(ack(breach.alertId(), at(Duration.ofMinutes(41))).changed()).isFalse();
    }

    @Test
    void shouldRefuseAnAcknowledgementOfAnAlertTheTicketNeverRaised() {
        event(opened("T-1", Severity.HIGH, T0), T0);

        SlaEngine.AckOutcome outcome = ack("no-such-alert", at(Duration.ofMinutes(5)));

        assertThat(outcome.refusal()).contains("no-such-alert");
        assertThat(outcome.changed()).isFalse();
    }

    @Test
    void shouldKeepTheClocksInKindOrderSoTheSameStateIsAlwaysStoredAsTheSameBytes() {
        event(opened("T-ORDER", Severity.HIGH, T0), T0);

        // every JVM iterates them in the enum's order (Map.copyOf's order changes from one JVM to the next)
        assertThat(List.copyOf(state.clocks().keySet())).isSorted();
        assertThat(state.clocks()).hasSizeGreaterThan(1);
    }
}
