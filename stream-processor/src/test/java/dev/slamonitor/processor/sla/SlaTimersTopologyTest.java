package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.TicketSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SLA timers on TopologyTestDriver: wall-clock time is advanced explicitly and events carry
 * matching event times. T0 is a Monday 09:00 UTC; test customers are in UTC, so high/medium/low
 * tickets run on 09:00-17:00 business hours and critical tickets 24/7 (default policy).
 */
class SlaTimersTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final TopologyFixture fx = new TopologyFixture(T0);
    private final List<Alert> alerts = new ArrayList<>();

    @AfterEach
    void close() {
        fx.close();
    }

    /** Moves the wall clock to T0 + offset (punctuating on the way) and returns that instant. */
    private Instant at(Duration offset) {
        return fx.advanceTo(T0.plus(offset));
    }

    private List<Alert> alerts() {
        alerts.addAll(fx.alerts.readValuesToList());
        return alerts;
    }

    private List<Alert> alerts(AlertType type, String clockOrReason) {
        return alerts().stream().filter(a -> a.notifies() && a.type() == type
                && (clockOrReason.equals(a.clock()) || clockOrReason.equals(a.reason()))).toList();
    }

    private TicketSnapshot lastSnapshot(String ticketId) {
        List<TicketSnapshot> all = fx.state.readValuesToList().stream().filter(s -> s.ticketId().equals(ticketId)).toList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private static ClockView clock(TicketSnapshot s, String name) {
        return s.clocks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static Predicate<Alert> ofTicket(String id) {
        return a -> a.ticketId().equals(id);
    }

    @Test
    void shouldWarnAtThreeQuartersAndBreachAtTheDeadlineWithoutAnyFurtherEvent() {
        // given a high ticket (first response 30 business minutes) that receives no further event
        fx.send(opened("T-1", Severity.HIGH, T0));

        // when wall-clock time passes 22 minutes, then 23, then 31
        at(Duration.ofMinutes(22));
        assertThat(alerts(AlertType.WARNING, "first_response")).isEmpty();
        at(Duration.ofMinutes(23));
        List<Alert> warnings = alerts(AlertType.WARNING, "first_response");
        at(Duration.ofMinutes(31));

        // then one warning at 75 % and one breach, both with the deadline, policy and ticket facts
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).deadline()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        List<Alert> breaches = alerts(AlertType.BREACH, "first_response");
        assertThat(breaches).hasSize(1);
        Alert breach = breaches.get(0);
        assertThat(breach.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(breach.firedAt()).isAfterOrEqualTo(breach.deadline()).isBefore(breach.deadline().plusSeconds(61));
        assertThat(breach.policyId()).isEqualTo("default");
        assertThat(breach.policyVersion()).isEqualTo(1);
        assertThat(breach.severity()).isEqualTo("high");
        assertThat(breach.tier()).isEqualTo("L1");
        assertThat(breach.team()).isEqualTo("payments");
        assertThat(breach.customerId()).isEqualTo("C-T-1");
        assertThat(breach.alertId()).isEqualTo(Alert.idOf("T-1", AlertType.BREACH, "first_response", 1));
        // and the snapshot published by the timer shows the clocks with their deadlines
        TicketSnapshot s = lastSnapshot("T-1");
        assertThat(s.policyId()).isEqualTo("default");
        assertThat(clock(s, "first_response").state()).isEqualTo("BREACHED");
        assertThat(clock(s, "resolution").state()).isEqualTo("RUNNING");
        assertThat(clock(s, "resolution").deadline()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(clock(s, "management_notice").deadline()).isEqualTo(T0.plus(Duration.ofHours(4)));
        assertThat(s.alerts()).extracting(a -> a.type()).contains("WARNING", "BREACH");
        assertThat(fx.metrics.find("slamon.alerts").tag("type", "BREACH").counter().count()).isEqualTo(1);
        assertThat(fx.metrics.find("slamon.breach.lateness").tag("clock", "first_response").timer().count()).isEqualTo(1);
        assertThat(fx.metrics.find("slamon.timers.fired").tag("feature", "sla").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldBreachWhenAPunctuationLandsInTheMillisecondOfASubMillisecondDeadline() {
        // given a ticket opened half a millisecond after a whole millisecond, as Instant.now() gives
        Instant openedAt = T0.plusNanos(500_000);
        fx.send(opened("T-1", Severity.HIGH, openedAt));
        at(Duration.ofMinutes(23)); // the warning fires; the next wake-up is the deadline, T0 + 30 min + 0.5 ms

        // when one punctuation runs exactly at the deadline's millisecond (the index key), before the deadline itself
        at(Duration.ofMinutes(30));
        assertThat(alerts(AlertType.BREACH, "first_response")).isEmpty();
        // and the next one runs a minute later
        at(Duration.ofMinutes(31));

        // then the breach still fires: the timer was put back, not skipped past
        assertThat(alerts(AlertType.BREACH, "first_response")).singleElement()
                .satisfies(b -> assertThat(b.deadline()).isEqualTo(openedAt.plus(Duration.ofMinutes(30))));
    }

    @Test
    void shouldEscalateToTheNextTierWhenTheTierTimeLimitPasses() {
        // given a high ticket answered in time
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", at(Duration.ofMinutes(5))));

        // when its L1 limit (2 business hours) passes
        at(Duration.ofMinutes(121));

        // then the resolution clock breaches and escalates to L2
        assertThat(alerts(AlertType.BREACH, "first_response")).isEmpty();
        assertThat(alerts(AlertType.BREACH, "resolution")).hasSize(1);
        List<Alert> escalations = alerts(AlertType.ESCALATION, "tier_time_limit");
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).deadline()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(escalations.get(0).details()).containsEntry("fromTier", "L1").containsEntry("toTier", "L2");
    }

    @Test
    void shouldCountBusinessHoursOnlyForHighTickets() {
        // given a high ticket opened on Monday at 16:00 UTC (business hours end at 17:00)
        Instant opened = T0.plus(Duration.ofHours(7));
        at(Duration.ofHours(7));
        fx.send(opened("T-1", Severity.HIGH, opened));

        // then the resolution deadline (2 business hours) is Tuesday 10:00, not 18:00 on Monday
        ClockView resolution = clock(lastSnapshot("T-1"), "resolution");
        assertThat(resolution.deadline()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(resolution.calendar()).isEqualTo("business-hours@UTC");
    }

    @Test
    void shouldEscalateAVipAccountImmediately() {
        // given
        TicketEvent vip = event(EventType.TICKET_OPENED, "T-1", T0).severity(Severity.LOW)
                .customer(new Customer("C-9", "enterprise", true, "Europe/Berlin")).team("payments").tier(SupportTier.L1).build();

        // when
        fx.send(vip);

        // then
        List<Alert> escalations = alerts(AlertType.ESCALATION, "vip_account");
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).details()).containsEntry("toTier", "L2");
    }

    @Test
    void shouldEscalateWhenTheCustomerRepliesThreeTimesWithoutAnAnswer() {
        fx.send(opened("T-1", Severity.MEDIUM, T0));
        fx.send(simple(EventType.CUSTOMER_REPLIED, "T-1", at(Duration.ofMinutes(1))));
        fx.send(simple(EventType.CUSTOMER_REPLIED, "T-1", at(Duration.ofMinutes(2))));
        assertThat(alerts(AlertType.ESCALATION, "customer_replies")).isEmpty();

        fx.send(simple(EventType.CUSTOMER_REPLIED, "T-1", at(Duration.ofMinutes(3))));
        fx.send(simple(EventType.CUSTOMER_REPLIED, "T-1", at(Duration.ofMinutes(4))));

        List<Alert> escalations = alerts(AlertType.ESCALATION, "customer_replies");
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).details()).containsEntry("customerRepliesSinceAgentReply", 3);
    }

    @Test
    void shouldEscalateALowCsat() {
        fx.send(opened("T-1", Severity.MEDIUM, T0));
        fx.send(event(EventType.RESOLVED, "T-1", at(Duration.ofMinutes(5))).rootCause("billing").build());
        fx.send(event(EventType.CSAT_RECEIVED, "T-1", at(Duration.ofMinutes(6))).score(4).build());
        assertThat(alerts(AlertType.ESCALATION, "csat_low")).isEmpty();

        fx.send(event(EventType.CSAT_RECEIVED, "T-1", at(Duration.ofMinutes(7))).score(2).build());

        assertThat(alerts(AlertType.ESCALATION, "csat_low")).singleElement()
                .satisfies(a -> assertThat(a.details()).containsEntry("score", 2));
    }

    @Test
    void shouldEscalateAfterADayWithoutUpdateOnA24x7Ticket() {
        // given a critical ticket (24/7) answered once after 5 minutes, then silent
        fx.send(opened("T-1", Severity.CRITICAL, T0));
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", at(Duration.ofMinutes(5))));

        // when 24 hours pass after that update
        fx.advance(Duration.ofHours(24).plusMinutes(6), Duration.ofMinutes(30));

        // then
        List<Alert> escalations = alerts(AlertType.ESCALATION, "no_update_24h");
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).deadline()).isEqualTo(T0.plus(Duration.ofHours(24).plusMinutes(5)));
        // and the management column ("immediate" for critical) notified management at opening
        assertThat(alerts(AlertType.ESCALATION, "management_notice")).singleElement()
                .satisfies(a -> assertThat(a.deadline()).isEqualTo(T0));
    }

    @Test
    void shouldEscalateWhenTheNewOwnerDoesNotAcknowledgeTheHandoffAndQuoteTheHandoff() {
        // given an escalation to L2 with a handoff, and no ACKNOWLEDGED event
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(event(EventType.ESCALATED, "T-1", at(Duration.ofMinutes(10))).fromTier(SupportTier.L1).toTier(SupportTier.L2)
                .handoff(new Handoff("Checkout fails for EU customers", List.of("Reproduced"), "needs code fix",
                        "all EU checkouts", "update in 2h")).build());

        // when 15 minutes pass
        at(Duration.ofMinutes(26));

        // then the unacknowledged handoff escalates, quoting the handoff
        List<Alert> escalations = alerts(AlertType.ESCALATION, "handoff_not_acknowledged");
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).deadline()).isEqualTo(T0.plus(Duration.ofMinutes(25)));
        assertThat(escalations.get(0).details()).containsEntry("fromTier", "L2").containsEntry("toTier", "L3");
        @SuppressWarnings("unchecked")
        Map<String, Object> handoff = (Map<String, Object>) escalations.get(0).details().get("handoff");
        assertThat(handoff).containsEntry("summary", "Checkout fails for EU customers");
        // and the resolution clock restarted at L2 (4 business hours)
        assertThat(clock(lastSnapshot("T-1"), "resolution").deadline()).isEqualTo(T0.plus(Duration.ofMinutes(250)));
    }

    @Test
    void shouldStopTheHandoffClockWhenTheNewOwnerAcknowledges() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(event(EventType.ESCALATED, "T-1", at(Duration.ofMinutes(10))).fromTier(SupportTier.L1).toTier(SupportTier.L2).build());
        fx.send(event(EventType.ACKNOWLEDGED, "T-1", at(Duration.ofMinutes(20))).owner("bo").build());

        at(Duration.ofMinutes(40));

        assertThat(alerts(AlertType.ESCALATION, "handoff_not_acknowledged")).isEmpty();
        assertThat(clock(lastSnapshot("T-1"), "handoff_ack").state()).isEqualTo("SATISFIED");
    }

    @Test
    void shouldStopTheFirstResponseClockWhenTheAgentRepliesInTime() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", at(Duration.ofMinutes(10))));

        at(Duration.ofMinutes(60));

        assertThat(alerts(AlertType.BREACH, "first_response")).isEmpty();
        assertThat(alerts(AlertType.WARNING, "first_response")).isEmpty();
        TicketSnapshot s = lastSnapshot("T-1");
        assertThat(clock(s, "first_response").state()).isEqualTo("SATISFIED");
        assertThat(clock(s, "customer_update").state()).isEqualTo("RUNNING");
        assertThat(clock(s, "customer_update").deadline()).isEqualTo(T0.plus(Duration.ofMinutes(250)));
    }

    @Test
    void shouldStopEveryClockWhenResolvedAndRestartResolutionWhenReopened() {
        // given a resolved ticket
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(event(EventType.RESOLVED, "T-1", at(Duration.ofMinutes(10))).rootCause("config").build());
        TicketSnapshot resolved = lastSnapshot("T-1");

        // when days pass, nothing fires
        fx.advance(Duration.ofDays(3), Duration.ofHours(1));
        assertThat(alerts()).isEmpty();
        assertThat(resolved.clocks()).noneMatch(c -> c.state().equals("RUNNING") || c.state().equals("PAUSED"));
        assertThat(clock(resolved, "resolution").state()).isEqualTo("SATISFIED");
        assertThat(clock(resolved, "first_response").state()).isEqualTo("STOPPED");

        // when it is reopened on Thursday 10:00
        Instant reopenAt = at(Duration.ofDays(3).plusHours(1));
        fx.send(simple(EventType.REOPENED, "T-1", reopenAt));

        // then resolution runs again from the reopening, with a fresh L1 limit
        ClockView resolution = clock(lastSnapshot("T-1"), "resolution");
        assertThat(resolution.state()).isEqualTo("RUNNING");
        assertThat(resolution.startedAt()).isEqualTo(reopenAt);
        assertThat(resolution.deadline()).isEqualTo(reopenAt.plus(Duration.ofHours(2)));
    }

    @Test
    void shouldPauseWhilePendingTheCustomerAndResumeWithTheTimeLeft() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        fx.send(event(EventType.STATUS_CHANGED, "T-1", at(Duration.ofMinutes(20)))
                .status(dev.slamonitor.event.TicketStatus.PENDING_CUSTOMER).build());
        at(Duration.ofHours(3));
        assertThat(alerts()).isEmpty();
        assertThat(clock(lastSnapshot("T-1"), "first_response").state()).isEqualTo("PAUSED");

        fx.send(event(EventType.STATUS_CHANGED, "T-1", at(Duration.ofHours(3)))
                .status(dev.slamonitor.event.TicketStatus.OPEN).build());

        // 20 of 30 minutes were used before the pause: 10 minutes are left
        assertThat(clock(lastSnapshot("T-1"), "first_response").deadline()).isEqualTo(T0.plus(Duration.ofMinutes(190)));
    }

    @Test
    void shouldRecomputeDeadlinesWhenTheSeverityChanges() {
        // given a medium ticket (business hours, 30 m first response) 10 minutes in
        fx.send(opened("T-1", Severity.MEDIUM, T0));
        assertThat(clock(lastSnapshot("T-1"), "first_response").deadline()).isEqualTo(T0.plus(Duration.ofMinutes(30)));

        // when it becomes critical (24/7, 15 m)
        fx.send(event(EventType.SEVERITY_CHANGED, "T-1", at(Duration.ofMinutes(10))).severity(Severity.CRITICAL).build());

        // then the 10 minutes used count against the new 15 minute target
        TicketSnapshot s = lastSnapshot("T-1");
        assertThat(clock(s, "first_response").deadline()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(clock(s, "first_response").calendar()).isEqualTo("24x7");
        assertThat(clock(s, "first_response").elapsedBusinessMillis()).isEqualTo(Duration.ofMinutes(10).toMillis());
        at(Duration.ofMinutes(16));
        assertThat(alerts(AlertType.BREACH, "first_response")).singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo("critical"));
    }

    @Test
    void shouldNeverAlertTwiceForDuplicateOrStaleEvents() {
        // given a ticket whose first response breached, then a late reply delivered three times
        TicketEvent open = opened("T-1", Severity.HIGH, T0);
        fx.send(open);
        at(Duration.ofMinutes(31));
        TicketEvent lateReply = simple(EventType.AGENT_REPLIED, "T-1", T0.plus(Duration.ofMinutes(20)));
        fx.send(lateReply);
        fx.send(lateReply);
        fx.send(open);
        fx.send(lateReply);

        // when time keeps passing
        fx.advance(Duration.ofHours(1), Duration.ofMinutes(5));

        // then every alert id is unique and the breach fired once
        List<Alert> all = alerts().stream().filter(ofTicket("T-1")).toList();
        assertThat(all).extracting(Alert::alertId).doesNotHaveDuplicates();
        assertThat(alerts(AlertType.BREACH, "first_response")).hasSize(1);
        assertThat(fx.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldReNotifyAnUnacknowledgedBreachUntilItIsAcknowledged() {
        // given a breach of the first response at 30 m (re-notify every 15 business minutes, up to level 3)
        fx.send(opened("T-1", Severity.HIGH, T0));
        at(Duration.ofMinutes(31));
        Alert breach = alerts(AlertType.BREACH, "first_response").get(0);

        // when 15 more minutes pass without an acknowledgement
        at(Duration.ofMinutes(47));
        List<Alert> renotified = alerts().stream().filter(a -> a.type() == AlertType.RENOTIFY
                && breach.alertId().equals(a.details().get("rootAlertId"))).toList();
        assertThat(renotified).singleElement().satisfies(a -> assertThat(a.level()).isEqualTo(1));

        // and someone acknowledges the breach
        AlertAck ack = new AlertAck("ack-1", breach.alertId(), "T-1", "maria", "on it", at(Duration.ofMinutes(48)));
        fx.acks.pipeInput("T-1", TopologyFixture.json(ack), ack.at());
        fx.advance(Duration.ofHours(2), Duration.ofMinutes(5));

        // then the chain stops
        assertThat(alerts().stream().filter(a -> a.type() == AlertType.RENOTIFY
                && breach.alertId().equals(a.details().get("rootAlertId")))).hasSize(1);
        TicketSnapshot s = lastSnapshot("T-1");
        assertThat(s.acks()).singleElement().satisfies(v -> assertThat(v.by()).isEqualTo("maria"));
        assertThat(s.alerts()).filteredOn(a -> a.alertId().equals(breach.alertId()))
                .singleElement().satisfies(a -> assertThat(a.acknowledged()).isTrue());
    }

    @Test
    void shouldReNotifyUpToTheMaximumLevel() {
        fx.send(opened("T-1", Severity.HIGH, T0));
        at(Duration.ofMinutes(31));
        String breachId = alerts(AlertType.BREACH, "first_response").get(0).alertId();

        at(Duration.ofMinutes(110));

        assertThat(alerts().stream().filter(a -> a.type() == AlertType.RENOTIFY && breachId.equals(a.details().get("rootAlertId"))))
                .extracting(Alert::level).containsExactly(1, 2, 3);
    }

    @Test
    void shouldDeadLetterAcksThatAreMalformedOrNameNoAlert() {
        fx.send(opened("T-1", Severity.HIGH, T0));

        fx.acks.pipeInput("T-1", "{nope".getBytes(StandardCharsets.UTF_8), T0);
        fx.acks.pipeInput("T-1", TopologyFixture.json(new AlertAck("a", "no-such-alert", "T-1", "x", null, T0)), T0);
        fx.acks.pipeInput("T-2", TopologyFixture.json(new AlertAck("a", "x", "T-1", "x", null, T0)), T0);

        List<TestRecord<String, byte[]>> letters = fx.deadLetters.readRecordsToList();
        assertThat(letters).extracting(r -> DeadLetter.fromHeaders(r.headers()).orElseThrow().reason())
                .containsOnly(DeadLetterReason.INVALID_ACK).hasSize(3);
        assertThat(letters).extracting(r -> DeadLetter.fromHeaders(r.headers()).orElseThrow().detail())
                .anySatisfy(d -> assertThat(d).contains("has no alert no-such-alert"))
                .anySatisfy(d -> assertThat(d).contains("ticketId: must equal the record key"));
        assertThat(fx.deadLetterCount("INVALID_ACK")).isEqualTo(3);
    }

    @Test
    void shouldDeadLetterAnInvalidPolicyAndKeepTheVersionInForce() {
        // given a ticket under the default policy
        fx.send(opened("T-1", Severity.HIGH, T0));

        // when a broken version of the default policy is published
        fx.policies.pipeInput("default", "{\"id\":\"default\",\"version\":2,\"handoffAck\":\"soon\"}".getBytes(StandardCharsets.UTF_8), T0);
        at(Duration.ofMinutes(1));

        // then it is dead-lettered with every problem named, and the ticket keeps default v1
        List<TestRecord<String, byte[]>> letters = fx.deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        DeadLetter letter = DeadLetter.fromHeaders(letters.get(0).headers()).orElseThrow();
        assertThat(letter.reason()).isEqualTo(DeadLetterReason.INVALID_POLICY);
        assertThat(letter.detail()).contains("handoffAck: 'soon' is not a duration").contains("calendars: required property");
        fx.send(simple(EventType.CUSTOMER_REPLIED, "T-1", at(Duration.ofMinutes(2))));
        assertThat(lastSnapshot("T-1").policyVersion()).isEqualTo(1);
    }

    @Test
    void shouldApplyAChangedPolicyToOpenTicketsWithoutARestart() throws Exception {
        // given a high ticket under default v1 (first response 30 m)
        fx.send(opened("T-1", Severity.HIGH, T0));

        // when default v2 with a 10 minute first response for high is published
        ObjectNode v2 = (ObjectNode) Json.mapper().readTree(BundledDocument.bytes(SlaPolicyChannel.class, SlaPolicyChannel.DEFAULT_POLICY));
        v2.put("version", 2);
        ((ObjectNode) v2.get("firstResponse")).put("high", "10m");
        fx.policies.pipeInput("default", Json.mapper().writeValueAsBytes(v2), T0.plusSeconds(60));
        at(Duration.ofMinutes(2));

        // then the open ticket is re-evaluated: new deadline from its opening, new version recorded
        TicketSnapshot s = lastSnapshot("T-1");
        assertThat(s.policyVersion()).isEqualTo(2);
        assertThat(clock(s, "first_response").deadline()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        at(Duration.ofMinutes(11));
        assertThat(alerts(AlertType.BREACH, "first_response")).singleElement()
                .satisfies(a -> assertThat(a.policyVersion()).isEqualTo(2));

        // and republishing the old version is refused (no rollback)
        fx.policies.pipeInput("default", BundledDocument.bytes(SlaPolicyChannel.class, SlaPolicyChannel.DEFAULT_POLICY), T0);
        assertThat(fx.deadLetters.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(DeadLetter.fromHeaders(r.headers()).orElseThrow().detail())
                        .contains("version 1 is older than version 2 in force"));
    }
}
