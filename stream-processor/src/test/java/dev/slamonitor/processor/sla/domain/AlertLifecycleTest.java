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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alert lifecycle in the pure {@link SlaEngine}: a condition's trigger, re-notifications,
 * acknowledgement and end share one key, each transition is emitted once, and the same inputs give
 * the same ids (what exactly-once replays rely on).
 */
class AlertLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));
    private static final SlaPolicy POLICY = SlaPolicyChannel.defaultPolicy();

    /** A ticket, its SLA state and every alert emitted so far. */
    private record Tracked(Ticket ticket, SlaState sla, List<Alert> alerts) {

        Tracked then(TicketEvent e, Instant now) {
            ApplyResult applied = TicketEventApplier.apply(ticket, e);
            SlaEngine.Outcome o = SlaEngine.onEvent(sla, ticket, applied.ticket(), e, POLICY, RETENTION, now);
            return new Tracked(applied.ticket(), o.state(), plus(o.alerts()));
        }

        Tracked timer(Instant now) {
            SlaEngine.Outcome o = SlaEngine.onTimer(sla, ticket, POLICY, RETENTION, now);
            return new Tracked(ticket, o.state(), plus(o.alerts()));
        }

        Tracked ack(String alertId, String by, Instant now) {
            SlaEngine.AckOutcome o = SlaEngine.onAck(sla, ticket, POLICY,
                    new AlertAck("ack-" + by, alertId, ticket.ticketId(), by, null, now), RETENTION, now);
            return new Tracked(ticket, o.state(), plus(o.alerts()));
        }

        private List<Alert> plus(List<Alert> more) {
            List<Alert> all = new ArrayList<>(alerts);
            all.addAll(more);
            return all;
        }

        Alert breach() {
            return alerts.stream().filter(a -> a.type() == AlertType.BREACH && a.notifies() && "first_response".equals(a.clock()))
                    .findFirst().orElseThrow();
        }

        List<Alert> ofKey(String key) {
            return alerts.stream().filter(a -> a.alertKey().equals(key)).toList();
        }
    }

    /** A critical ticket (24/7, first response 15 m) that breached and was re-notified once. */
    private static Tracked breachedAndRenotified() {
        Tracked t = new Tracked(null, null, List.of()).then(opened("T-1", Severity.CRITICAL, T0), T0);
        return t.timer(T0.plus(Duration.ofMinutes(16))).timer(T0.plus(Duration.ofMinutes(31)));
    }

    @Test
    void shouldKeepOneKeyFromTheBreachThroughItsReNotificationToItsEnd() {
        Tracked t = breachedAndRenotified();
        String key = t.breach().alertKey();

        t = t.then(simple(EventType.AGENT_REPLIED, "T-1", T0.plus(Duration.ofMinutes(32))), T0.plus(Duration.ofMinutes(32)))
                .then(simple(EventType.AGENT_REPLIED, "T-1", T0.plus(Duration.ofMinutes(33))), T0.plus(Duration.ofMinutes(33)))
                .timer(T0.plus(Duration.ofHours(2)));

        assertThat(key).isEqualTo(t.breach().alertId());
        assertThat(t.ofKey(key)).extracting(Alert::type, Alert::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertType.BREACH, AlertState.TRIGGERED),
                org.assertj.core.groups.Tuple.tuple(AlertType.RENOTIFY, AlertState.TRIGGERED),
                org.assertj.core.groups.Tuple.tuple(AlertType.BREACH, AlertState.RESOLVED));
        assertThat(t.ofKey(key).get(2).stateReason()).isEqualTo("clock_satisfied");
    }

    @Test
    void shouldAcknowledgeOnceAndNeverAfterTheEnd() {
        Tracked t = breachedAndRenotified();
        Alert breach = t.breach();
        String renotifyId = t.ofKey(breach.alertKey()).get(1).alertId();

        // an ack of the re-notification acknowledges the condition; a second ack changes nothing
        t = t.ack(renotifyId, "oncall", T0.plus(Duration.ofMinutes(32))).ack(breach.alertId(), "other", T0.plus(Duration.ofMinutes(33)));
        // the end, then a late ack
        t = t.then(simple(EventType.AGENT_REPLIED, "T-1", T0.plus(Duration.ofMinutes(40))), T0.plus(Duration.ofMinutes(40)))
                .ack(breach.alertId(), "late", T0.plus(Duration.ofMinutes(41)));

        assertThat(t.ofKey(breach.alertKey())).extracting(Alert::state).containsExactly(AlertState.TRIGGERED,
                AlertState.TRIGGERED, AlertState.ACKNOWLEDGED, AlertState.RESOLVED);
        assertThat(t.ofKey(breach.alertKey()).get(2).acknowledgedBy()).isEqualTo("oncall");
    }

    @Test
    void shouldGiveTheSameLifecycleIdsForTheSameInputs() {
        Tracked a = breachedAndRenotified().then(simple(EventType.AGENT_REPLIED, "T-1", T0.plus(Duration.ofMinutes(32))),
                T0.plus(Duration.ofMinutes(32)));
        Tracked b = breachedAndRenotified().then(simple(EventType.AGENT_REPLIED, "T-1", T0.plus(Duration.ofMinutes(32))),
                T0.plus(Duration.ofMinutes(32)));

        assertThat(a.alerts()).extracting(Alert::alertId).isEqualTo(b.alerts().stream().map(Alert::alertId).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldPageOnceWhenABreachAlsoEscalates() {
        // given a critical ticket nobody answers, checked every minute for eight hours
        Tracked t = new Tracked(null, null, List.of()).then(opened("T-2", Severity.CRITICAL, T0), T0);
        for (int minute = 1; minute <= 8 * 60; minute++) {
            t = t.timer(T0.plus(Duration.ofMinutes(minute)));
        }

        // then some clock both breached and escalated
        List<Alert> breaches = t.alerts().stream().filter(a -> a.type() == AlertType.BREACH && a.notifies()).toList();
        List<Alert> escalations = t.alerts().stream().filter(a -> a.type() == AlertType.ESCALATION && a.notifies()).toList();
        assertThat(breaches).anySatisfy(b -> assertThat(escalations).anySatisfy(e -> {
            assertThat(e.clock()).isEqualTo(b.clock());
            assertThat(e.deadline()).isEqualTo(b.deadline());
        }));
        // and every re-notification pages for one incident: never two for one clock cycle at one moment
        List<Alert> renotifies = t.alerts().stream().filter(a -> a.type() == AlertType.RENOTIFY && a.notifies()).toList();
        assertThat(renotifies).isNotEmpty();
        assertThat(renotifies.stream().map(a -> a.clock() + "|" + a.deadline() + "|" + a.firedAt()).distinct().count())
                .isEqualTo(renotifies.size());
    }
}
