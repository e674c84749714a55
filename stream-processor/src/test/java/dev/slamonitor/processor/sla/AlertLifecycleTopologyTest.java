package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.processor.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alert lifecycle on TopologyTestDriver: every condition (WARNING, BREACH, ESCALATION) keeps one
 * key through its trigger, re-notifications, ACKNOWLEDGED and RESOLVED, and resolves exactly once
 * when its condition ends. T0 is a Monday 09:00 UTC (business hours 09:00-17:00 for high tickets).
 */
class AlertLifecycleTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final TopologyFixture fx = new TopologyFixture(T0);
    private final List<Alert> seen = new ArrayList<>();

    @AfterEach
    void close() {
        fx.close();
    }

    private Instant at(Duration offset) {
        return fx.advanceTo(T0.plus(offset));
    }

    private List<Alert> all() {
        seen.addAll(fx.alerts.readValuesToList());
        return seen;
    }

    private Alert notice(AlertType type, String clock) {
        return all().stream().filter(a -> a.state() == AlertState.TRIGGERED && a.type() == type && clock.equals(a.clock()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " of " + clock + " in " + seen));
    }

    private List<Alert> ofKey(String key) {
        return all().stream().filter(a -> key.equals(a.alertKey())).toList();
    }

    private List<Alert> resolvedOf(String key) {
        return ofKey(key).stream().filter(a -> a.state() == AlertState.RESOLVED).toList();
    }

    @Test
    void shouldResolveAFirstResponseBreachWhenTheAgentReplies() {
        // given a first-response breach at 30 m, re-notified once at 45 m
        fx.send(opened("T-1", Severity.HIGH, T0));
        at(Duration.ofMinutes(46));
        Alert breach = notice(AlertType.BREACH, "first_response");
        Alert warning = notice(AlertType.WARNING, "first_response");

        // when the agent replies
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", at(Duration.ofMinutes(50))));
        fx.advance(Duration.ofHours(2), Duration.ofMinutes(5));

        // then the re-notification carries the breach's key, the breach resolves once, and the chain stops
        assertThat(ofKey(breach.alertKey())).extracting(Alert::type, Alert::state, Alert::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertType.BREACH, AlertState.TRIGGERED, 0),
                org.assertj.core.groups.Tuple.tuple(AlertType.RENOTIFY, AlertState.TRIGGERED, 1),
                org.assertj.core.groups.Tuple.tuple(AlertType.BREACH, AlertState.RESOLVED, 0));
        Alert resolved = resolvedOf(breach.alertKey()).get(0);
        assertThat(resolved.stateReason()).isEqualTo("clock_satisfied");
        assertThat(resolved.alertId()).isEqualTo(Alert.idOf(breach.alertKey(), AlertState.RESOLVED));
        assertThat(resolved.ticketId()).isEqualTo("T-1");
        assertThat(resolved.clock()).isEqualTo("first_response");
        // and the warning ended when the breach fired
        assertThat(resolvedOf(warning.alertKey())).singleElement()
                .satisfies(a -> assertThat(a.stateReason()).isEqualTo("breached"));
    }

    @Test
    void shouldPublishAcknowledgedUnderTheSameKeyWithThePrincipalAndStopReNotifying() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        at(Duration.ofMinutes(31));
        Alert breach = notice(AlertType.BREACH, "first_response");

        AlertAck ack = new AlertAck("ack-1", breach.alertId(), "T-1", "oncall-key", null, at(Duration.ofMinutes(32)));
        fx.acks.pipeInput("T-1", TopologyFixture.json(ack), ack.at());
        fx.acks.pipeInput("T-1", TopologyFixture.json(ack), ack.at());
        fx.advance(Duration.ofHours(2), Duration.ofMinutes(5));

        assertThat(ofKey(breach.alertKey())).extracting(Alert::state)
                .containsExactly(AlertState.TRIGGERED, AlertState.ACKNOWLEDGED);
        Alert acked = ofKey(breach.alertKey()).get(1);
        assertThat(acked.acknowledgedBy()).isEqualTo("oncall-key");
        assertThat(acked.alertId()).isEqualTo(Alert.idOf(breach.alertKey(), AlertState.ACKNOWLEDGED));

        // when the ticket is solved, the acknowledged breach resolves
        fx.send(event(EventType.STATUS_CHANGED, "T-1", at(Duration.ofHours(3))).status(TicketStatus.SOLVED).build());
        assertThat(resolvedOf(breach.alertKey())).singleElement()
                .satisfies(a -> assertThat(a.stateReason()).isEqualTo("ticket_finished"));
    }

    @Test
    void shouldResolveEveryOpenAlertOfATicketWhenItIsSolvedAndOnlyOnce() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        at(Duration.ofMinutes(31));
        fx.send(event(EventType.STATUS_CHANGED, "T-1", at(Duration.ofMinutes(40))).status(TicketStatus.SOLVED).build());
        fx.send(event(EventType.STATUS_CHANGED, "T-1", at(Duration.ofMinutes(41))).status(TicketStatus.CLOSED).build());
        fx.advance(Duration.ofHours(1), Duration.ofMinutes(5));

        List<String> openKeys = all().stream().filter(a -> a.state() == AlertState.TRIGGERED && a.level() == 0)
                .map(Alert::alertKey).toList();
        assertThat(openKeys).isNotEmpty();
        for (String key : openKeys) {
            assertThat(resolvedOf(key)).as("RESOLVED of %s", key).hasSize(1);
        }
        assertThat(all()).extracting(Alert::alertId).doesNotHaveDuplicates();
    }

    @Test
    void shouldResolveABreachWhenTheClockIsPausedForTheCustomer() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        at(Duration.ofMinutes(31));
        Alert breach = notice(AlertType.BREACH, "first_response");

        fx.send(event(EventType.STATUS_CHANGED, "T-1", at(Duration.ofMinutes(35))).status(TicketStatus.PENDING_CUSTOMER).build());

        assertThat(resolvedOf(breach.alertKey())).singleElement()
                .satisfies(a -> assertThat(a.stateReason()).isEqualTo("clock_paused"));
    }

    @Test
    void shouldResolveAHandoffAlertWhenTheNewOwnerAcknowledges() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(event(EventType.ESCALATED, "T-1", at(Duration.ofMinutes(10))).fromTier(SupportTier.L1).toTier(SupportTier.L2).build());
        at(Duration.ofMinutes(26));
        Alert escalation = all().stream().filter(a -> a.notifies() && "handoff_not_acknowledged".equals(a.reason()))
                .findFirst().orElseThrow();
        Alert breach = notice(AlertType.BREACH, "handoff_ack");

        fx.send(event(EventType.ACKNOWLEDGED, "T-1", at(Duration.ofMinutes(30))).owner("bo").build());

        assertThat(resolvedOf(escalation.alertKey())).singleElement()
                .satisfies(a -> assertThat(a.stateReason()).isEqualTo("handoff_acknowledged"));
        assertThat(resolvedOf(breach.alertKey())).singleElement()
                .satisfies(a -> assertThat(a.stateReason()).isEqualTo("handoff_acknowledged"));
    }

    @Test
    void shouldResolveATierEscalationWhenTheTicketMovesTier() {
        // a critical ticket: L1 limit 15 m on 24/7
        fx.send(opened("T-1", Severity.CRITICAL, T0));
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", at(Duration.ofMinutes(5))));
        at(Duration.ofMinutes(16));
        Alert escalation = all().stream().filter(a -> a.notifies() && "tier_time_limit".equals(a.reason()))
                .findFirst().orElseThrow();
        Alert tierBreach = notice(AlertType.BREACH, "resolution");

        fx.send(event(EventType.ESCALATED, "T-1", at(Duration.ofMinutes(18))).fromTier(SupportTier.L1).toTier(SupportTier.L2).build());

        assertThat(resolvedOf(escalation.alertKey())).singleElement()
                .satisfies(a -> assertThat(a.stateReason()).isEqualTo("escalated"));
        assertThat(resolvedOf(tierBreach.alertKey())).singleElement()
                .satisfies(a -> assertThat(a.stateReason()).isEqualTo("clock_restarted"));
    }

    @Test
    void shouldPublishALowCsatOnAFinishedTicketAsAOneOff() {
        fx.send(opened("T-1", Severity.MEDIUM, T0));
        fx.send(event(EventType.RESOLVED, "T-1", at(Duration.ofMinutes(5))).rootCause("billing").build());
        fx.send(event(EventType.CSAT_RECEIVED, "T-1", at(Duration.ofMinutes(7))).score(2).build());

        Alert csat = all().stream().filter(a -> a.notifies() && "csat_low".equals(a.reason())).findFirst().orElseThrow();
        assertThat(resolvedOf(csat.alertKey())).singleElement()
                .satisfies(a -> assertThat(a.stateReason()).isEqualTo("one_off"));
    }
}
