package dev.slamonitor.processor.metrics.domain;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

public class TicketMetricsRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void shouldCountOpeningWithSeverityAndRememberOpenedAt() {
        // given / when
        TicketMetricsRules.Step step = TicketMetricsRules.apply(null, opened("T-1", Severity.HIGH, T0));

        // then
        assertThat(step.observations()).containsExactly(new Observation.Opened(Severity.HIGH));
        assertThat(step.facts().openedAt()).isEqualTo(T0);
        assertThat(step.facts().tier()).isEqualTo(SupportTier.L1);
        assertThat(step.facts().escalated()).isFalse();
    }

    @Test
    void shouldMeasureTimeToEscalateOnlyForTheFirstEscalation() {
        // given
        TicketFacts facts = TicketMetricsRules.apply(null, opened("T-1", Severity.CRITICAL, T0)).facts();

        // when
        TicketMetricsRules.Step first = TicketMetricsRules.apply(facts, escalation("T-1", T0.plusSeconds(600), SupportTier.L1, SupportTier.L2));
        TicketMetricsRules.Step second = TicketMetricsRules.apply(first.facts(), escalation("T-1", T0.plusSeconds(900), SupportTier.L2, SupportTier.L3));

        // then
        assertThat(first.observations()).containsExactly(new Observation.Escalated(Severity.CRITICAL, SupportTier.L1,
                SupportTier.L2, true, Duration.ofMinutes(10)));
        assertThat(second.observations()).singleElement()
                .isEqualTo(new Observation.Escalated(Severity.CRITICAL, SupportTier.L2, SupportTier.L3, false, Duration.ofMinutes(15)));
        assertThat(second.facts().tier()).isEqualTo(SupportTier.L3);
    }

    @Test
    void shouldAttributeResolutionToCurrentTierAndSeverity() {
        // given
        TicketFacts facts = TicketMetricsRules.apply(null, opened("T-1", Severity.LOW, T0)).facts();
        facts = TicketMetricsRules.apply(facts, event(EventType.SEVERITY_CHANGED, "T-1", T0.plusSeconds(5)).severity(Severity.HIGH).build()).facts();
        facts = TicketMetricsRules.apply(facts, escalation("T-1", T0.plusSeconds(10), SupportTier.L1, SupportTier.L2)).facts();

        // when
        TicketMetricsRules.Step resolved = TicketMetricsRules.apply(facts, event(EventType.RESOLVED, "T-1", T0.plusSeconds(60)).rootCause("x").build());

        // then
        assertThat(resolved.observations()).containsExactly(new Observation.Resolved(Severity.HIGH, SupportTier.L2));
    }

    @Test
    void shouldCountAReEscalationOnlyForATicketThatWasResolvedBefore() {
        // given: an escalated ticket, resolved, then (reopened and) escalated again
        TicketFacts facts = TicketMetricsRules.apply(null, opened("T-1", Severity.HIGH, T0)).facts();
        TicketMetricsRules.Step firstEscalation = TicketMetricsRules.apply(facts, escalation("T-1", T0.plusSeconds(10), SupportTier.L1, SupportTier.L2));
        facts = TicketMetricsRules.apply(firstEscalation.facts(), event(EventType.RESOLVED, "T-1", T0.plusSeconds(60)).rootCause("x").build()).facts();

        // when
        TicketMetricsRules.Step again = TicketMetricsRules.apply(facts, escalation("T-1", T0.plusSeconds(120), SupportTier.L1, SupportTier.L2));

        // then
        assertThat(firstEscalation.observations()).noneMatch(o -> o instanceof Observation.Reescalated);
        assertThat(again.observations()).contains(new Observation.Reescalated(Severity.HIGH));
        assertThat(again.facts().resolved()).isTrue();
    }

    @Test
    void shouldCountCsatOnlyForEscalatedTickets() {
        // given
        TicketFacts plain = TicketMetricsRules.apply(null, opened("T-1", Severity.LOW, T0)).facts();
        TicketFacts escalated = TicketMetricsRules.apply(plain, escalation("T-1", T0.plusSeconds(10), SupportTier.L1, SupportTier.L2)).facts();

        // when
        TicketMetricsRules.Step onPlain = TicketMetricsRules.apply(plain, csat("T-1", 2));
        TicketMetricsRules.Step onEscalated = TicketMetricsRules.apply(escalated, csat("T-1", 3));

        // then
        assertThat(onPlain.observations()).isEmpty();
        assertThat(onEscalated.observations()).containsExactly(new Observation.EscalatedCsat(3));
    }

    @Test
    void shouldNotCountTheSameEventTwice() {
        // given
        TicketEvent open = opened("T-1", Severity.LOW, T0);
        TicketEvent escalation = escalation("T-1", T0.plusSeconds(10), SupportTier.L1, SupportTier.L2);
        TicketFacts facts = TicketMetricsRules.apply(null, open).facts();
        facts = TicketMetricsRules.apply(facts, escalation).facts();

        // when
        TicketMetricsRules.Step reopened = TicketMetricsRules.apply(facts, open);
        TicketMetricsRules.Step replayed = TicketMetricsRules.apply(facts, escalation);

        // then
        assertThat(reopened.changed()).isFalse();
        assertThat(replayed.changed()).isFalse();
        assertThat(replayed.observations()).isEmpty();
    }

    @Test
    void shouldIgnoreEventsOfTicketsNeverOpenedAndIrrelevantTypes() {
        // given / when / then
        assertThat(TicketMetricsRules.apply(null, escalation("T-9", T0, SupportTier.L1, SupportTier.L2)).changed()).isFalse();
        TicketFacts facts = TicketMetricsRules.apply(null, opened("T-1", Severity.LOW, T0)).facts();
        assertThat(TicketMetricsRules.apply(facts, event(EventType.AGENT_REPLIED, "T-1", T0).build()).changed()).isFalse();
    }

    @Test
    void shouldNeverReportNegativeTimeToEscalateWhenClocksDisagree() {
        // given
        TicketFacts facts = TicketMetricsRules.apply(null, opened("T-1", Severity.LOW, T0)).facts();

        // when
        TicketMetricsRules.Step step = TicketMetricsRules.apply(facts, escalation("T-1", T0.minusSeconds(30), SupportTier.L1, SupportTier.L2));

        // then
        assertThat(((Observation.Escalated) step.observations().get(0)).sinceOpened()).isEqualTo(Duration.ZERO);
    }

    public static TicketEvent escalation(String ticketId, Instant at, SupportTier from, SupportTier to) {
        return event(EventType.ESCALATED, ticketId, at).fromTier(from).toTier(to).build();
    }

    static TicketEvent csat(String ticketId, int score) {
        return event(EventType.CSAT_RECEIVED, ticketId, T0.plusSeconds(3600)).score(score).build();
    }
}
