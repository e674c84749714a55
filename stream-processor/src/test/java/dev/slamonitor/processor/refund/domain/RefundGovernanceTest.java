package dev.slamonitor.processor.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.refund.GovernanceChannel;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.refund.domain.RefundGovernance.DecisionOutcome;
import dev.slamonitor.processor.refund.domain.RefundGovernance.RequestOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The pure governance core, without Kafka. */
class RefundGovernanceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final GovernancePolicy POLICY = GovernanceChannel.bundled().document();

    private static TicketEvent request(String eventId, String amount) {
        return TicketEvent.builder(EventType.REFUND_REQUESTED, eventId, "T-1", T0).refundId("R-1")
                .amount(new BigDecimal(amount)).currency("EUR").exceptionCode("GOODWILL").build();
    }

    private static TicketEvent decision(String eventId, boolean approved, String role, Instant at) {
        return TicketEvent.builder(EventType.REFUND_DECIDED, eventId, "T-1", at).refundId("R-1").approved(approved)
                .approver("ana").approverRole(role).rationale("ok").build();
    }

    @Test
    void shouldSetTheDeadlineFromTheBandsApprovalCycleSla() {
        // when a 500 EUR refund (band medium, 24 h) is requested
        RequestOutcome outcome = RefundGovernance.request(null, request("e1", "500"), "payments", POLICY);

        // then it waits for a team lead until 24 h after the request
        assertThat(outcome.kind()).isEqualTo(RequestOutcome.Kind.ACCEPTED);
        assertThat(outcome.refund().deadline()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(outcome.refund().requiredRole()).isEqualTo("team_lead");
        assertThat(RefundGovernance.isOverdue(outcome.refund(), T0.plus(Duration.ofHours(24)).minusMillis(1))).isFalse();
        assertThat(RefundGovernance.isOverdue(outcome.refund(), T0.plus(Duration.ofHours(24)))).isTrue();
        assertThat(RefundGovernance.isOverdue(RefundGovernance.markOverdue(outcome.refund()), T0.plus(Duration.ofDays(9))))
                .isFalse();
    }

    @Test
    void shouldCountLeakageOnceAtTheFirstApprovalAfterARejection() {
        // given a rejected refund
        RefundCase requested = RefundGovernance.request(null, request("e1", "20"), "payments", POLICY).refund();
        DecisionOutcome rejected = RefundGovernance.decide(requested, decision("d1", false, "agent", T0.plusSeconds(600)),
                "payments", POLICY);
        assertThat(rejected.leakage()).isNull();
        assertThat(rejected.firstDecision()).isTrue();

        // when it is approved on appeal
        DecisionOutcome approved = RefundGovernance.decide(rejected.refund(),
                decision("d2", true, "agent", T0.plusSeconds(900)), "payments", POLICY);

        // then that approval is counted, is no duplicate, and does not close the cycle a second time
        assertThat(approved.breaches()).isEmpty();
        assertThat(approved.firstDecision()).isFalse();
        assertThat(approved.leakage().amount()).isEqualByComparingTo("20");
        assertThat(approved.record().approved()).isTrue();
        assertThat(approved.record().decisions()).isEqualTo(2);
        assertThat(approved.refund().deadline()).isNull();
    }

    @Test
    void shouldRecordALateRequestAfterItsDecisionWithoutADeadline() {
        // given a decision that arrived before its request
        DecisionOutcome orphan = RefundGovernance.decide(null, decision("d1", true, "agent", T0.plusSeconds(600)),
                "payments", POLICY);

        // when the request arrives
        RequestOutcome late = RefundGovernance.request(orphan.refund(), request("e1", "20"), "payments", POLICY);

        // then its facts are kept but no timer is armed
        assertThat(late.kind()).isEqualTo(RequestOutcome.Kind.AFTER_DECISION);
        assertThat(late.refund().amount()).isEqualByComparingTo("20");
        assertThat(late.refund().deadline()).isNull();
    }

    @Test
    void shouldRaiseCodeDriftAtMostOncePerWindow() {
        LocalDate today = LocalDate.parse("2026-11-23");
        assertThat(LeakageLedger.shouldRaiseDrift(2, 3, null, today, 30)).isFalse();
        assertThat(LeakageLedger.shouldRaiseDrift(3, 3, null, today, 30)).isTrue();
        assertThat(LeakageLedger.shouldRaiseDrift(9, 3, today.minusDays(29), today, 30)).isFalse();
        assertThat(LeakageLedger.shouldRaiseDrift(9, 3, today.minusDays(30), today, 30)).isTrue();
    }
}
