package dev.slamonitor.processor.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.refund.ApprovalRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every governance rule on the full topology (TopologyTestDriver), thresholds at their exact boundaries. */
class RefundGovernanceTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    /** Past the default minimum review time (1 min), so no fast-track rationale is required. */
    private static final Instant REVIEWED = T0.plus(Duration.ofMinutes(5));

    private RefundFixture rf;

    @BeforeEach
    void setUp() {
        rf = new RefundFixture(T0);
        rf.open("T-1", "payments", T0.minusSeconds(60));
    }

    @AfterEach
    void tearDown() {
        rf.close();
    }

    private List<String> violationRules() {
        return rf.alerts(AlertType.GOVERNANCE_VIOLATION).stream().map(Alert::reason).toList();
    }

    @ParameterizedTest(name = "{0} {1} approved by {2} -> violation {3}")
    @CsvSource({
            "50, EUR, agent, false",
            "50.01, EUR, agent, true",
            "50.01, EUR, team_lead, false",
            "500, USD, team_lead, false",
            "500.01, USD, team_lead, true",
            "500.01, USD, manager, false",
            "50, GBP, agent, false",
            "50.01, GBP, agent, true",
            "7500, JPY, agent, false",
            "7501, JPY, agent, true",
            "10000, EUR, director, false",
            "20, EUR, intern, true"})
    void shouldRequireTheApproverRoleOfTheAmountsBandAtTheExactBoundary(String amount, String currency, String role,
                                                                     boolean violation) {
        // given a refund requested with a known code
        rf.request("T-1", "R-1", amount, currency, "GOODWILL", T0);

        // when it is approved after review, with a rationale
        rf.decide("T-1", "R-1", true, "ana", role, "customer impact confirmed", REVIEWED);

        // then only an approver below the band's role breaks the rule
        List<Alert> alerts = rf.alerts(AlertType.GOVERNANCE_VIOLATION);
        if (violation) {
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.reason()).isEqualTo("approver_role_too_low");
                assertThat(a.ticketId()).isEqualTo("T-1");
                assertThat(a.details()).containsEntry("refundId", "R-1").containsEntry("approver", "ana")
                        .containsEntry("approverRole", role).containsEntry("amount", amount)
                        .containsEntry("currency", currency).containsEntry("rule", "approver_role_too_low");
            });
        } else {
            assertThat(alerts).isEmpty();
        }
    }

    @Test
    void shouldFlagAMissingAndAnUnknownExceptionCode() {
        // given one refund without a code and one with a code outside the taxonomy
        rf.request("T-1", "R-1", "20", "EUR", null, T0);
        rf.request("T-1", "R-2", "20", "EUR", "LEGACY_PROMO", T0);

        // when both are approved
        rf.decide("T-1", "R-1", true, "ana", "agent", null, REVIEWED);
        rf.decide("T-1", "R-2", true, "ana", "agent", null, REVIEWED);

        // then each names its rule
        assertThat(violationRules()).containsExactly("exception_code_missing", "exception_code_unknown");
    }

    @ParameterizedTest(name = "{0} EUR without rationale -> violation {1}")
    @CsvSource({"100, false", "100.01, true"})
    void shouldRequireARationaleAboveTheAmountThreshold(String amount, boolean violation) {
        // given a refund that a manager may approve
        rf.request("T-1", "R-1", amount, "EUR", "SERVICE_OUTAGE", T0);

        // when it is approved after review without a rationale
        rf.decide("T-1", "R-1", true, "maria", "manager", null, REVIEWED);

        // then a rationale is mandatory only strictly above the threshold
        assertThat(violationRules()).isEqualTo(violation ? List.of("rationale_missing") : List.of());
    }

    @ParameterizedTest(name = "approved {0} s after request without rationale -> violation {1}")
    @CsvSource({"59, true", "60, false"})
    void shouldRequireARationaleWhenApprovedFasterThanTheMinimumReviewTime(long seconds, boolean violation) {
        // given a small refund
        rf.request("T-1", "R-1", "10", "EUR", "GOODWILL", T0);

        // when it is approved quickly without a rationale
        rf.decide("T-1", "R-1", true, "ana", "agent", null, T0.plusSeconds(seconds));

        // then a fast-track needs a rationale
        assertThat(violationRules()).isEqualTo(violation ? List.of("rationale_missing") : List.of());
    }

    @Test
    void shouldAcceptAFastTrackWithARationaleAndIgnoreRulesOnRejections() {
        // given two refunds
        rf.request("T-1", "R-1", "900", "EUR", null, T0);
        rf.request("T-1", "R-2", "10", "EUR", "GOODWILL", T0);

        // when one is rejected by an agent (rules do not apply) and one fast-tracked with a rationale
        rf.decide("T-1", "R-1", false, "ana", "agent", null, T0.plusSeconds(5));
        rf.decide("T-1", "R-2", true, "ana", "agent", "obvious duplicate charge", T0.plusSeconds(5));

        // then nothing is violated and both decisions are on the audit trail
        assertThat(rf.alerts()).isEmpty();
        assertThat(rf.approvalsByRefund()).containsOnlyKeys("R-1", "R-2");
    }

    @Test
    void shouldFlagADecisionOnARefundNeverRequestedAndThenADuplicateApproval() {
        // when a refund nobody requested is approved twice
        TicketEvent first = rf.decide("T-1", "R-9", true, "ana", "agent", null, REVIEWED);
        rf.decide("T-1", "R-9", true, "bo", "manager", "again", REVIEWED.plusSeconds(1));

        // then the first decision breaks "never requested", the second also "duplicate"
        List<Alert> alerts = rf.alerts(AlertType.GOVERNANCE_VIOLATION);
        assertThat(alerts).extracting(Alert::reason).containsExactly("decision_without_request",
                "decision_without_request", "duplicate_approval");
        assertThat(alerts.get(0).alertId()).isEqualTo(Alert.idOf(AlertType.GOVERNANCE_VIOLATION, "R-9",
                "decision_without_request", first.eventId()));
        // and the audit trail keeps the first approver, with both violations, and no amount
        ApprovalRecord record = rf.approvalsByRefund().get("R-9");
        assertThat(record.approver()).isEqualTo("ana");
        assertThat(record.amount()).isNull();
        assertThat(record.decisions()).isEqualTo(2);
        assertThat(record.violations()).containsExactly("decision_without_request", "duplicate_approval");
    }

    @Test
    void shouldFlagADuplicateApprovalButNotARedeliveredOne() {
        // given an approved refund
        rf.request("T-1", "R-1", "20", "EUR", "GOODWILL", T0);
        TicketEvent approval = rf.decide("T-1", "R-1", true, "ana", "agent", null, REVIEWED);

        // when the same approval event is redelivered, then a second approval arrives
        rf.fx.send(approval);
        rf.decide("T-1", "R-1", true, "bo", "agent", null, REVIEWED.plusSeconds(30));

        // then only the second approval is a duplicate, and the amount counts once
        assertThat(rf.alerts(AlertType.GOVERNANCE_VIOLATION)).singleElement().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("duplicate_approval");
            assertThat(a.details()).containsEntry("approver", "bo").containsEntry("amount", "20");
        });
        assertThat(rf.counter("slamon.refund.leakage", "code", "GOODWILL")).isEqualTo(20.0);
    }

    @Test
    void shouldPublishAViolationAsAOneOffThatResolvesAtOnceUnderItsKey() {
        rf.request("T-1", "R-1", "20", "EUR", "GOODWILL", T0);
        rf.decide("T-1", "R-1", true, "ana", "agent", null, REVIEWED);
        rf.decide("T-1", "R-1", true, "bo", "agent", null, REVIEWED.plusSeconds(30));

        List<dev.slamonitor.alert.Alert> records = rf.records();
        assertThat(records).extracting(dev.slamonitor.alert.Alert::state).containsExactly(
                dev.slamonitor.alert.AlertState.TRIGGERED, dev.slamonitor.alert.AlertState.RESOLVED);
        assertThat(records.get(1).alertKey()).isEqualTo(records.get(0).alertId());
        assertThat(records.get(1).stateReason()).isEqualTo("one_off");
    }

    @Test
    void shouldPublishOneApprovalRecordPerDecidedRefundWithCycleTime() {
        // given a request and an approval 5 minutes later
        rf.request("T-1", "R-1", "75.50", "EUR", "BILLING_ERROR", T0);
        rf.decide("T-1", "R-1", true, "lea", "team_lead", null, REVIEWED);

        // then the audit record says who, what and how long
        ApprovalRecord record = rf.approvalsByRefund().get("R-1");
        assertThat(record.approved()).isTrue();
        assertThat(record.approver()).isEqualTo("lea");
        assertThat(record.approverRole()).isEqualTo("team_lead");
        assertThat(record.requiredRole()).isEqualTo("team_lead");
        assertThat(record.band()).isEqualTo("medium");
        assertThat(record.amount()).isEqualByComparingTo("75.50");
        assertThat(record.currency()).isEqualTo("EUR");
        assertThat(record.exceptionCode()).isEqualTo("BILLING_ERROR");
        assertThat(record.codeOwner()).isEqualTo("billing-ops-lead");
        assertThat(record.team()).isEqualTo("payments");
        assertThat(record.cycleTimeMillis()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(record.violations()).isEmpty();
        assertThat(record.policyVersion()).isEqualTo(1);
        // and the metrics count the cycle by band and the leakage by code, currency and team
        assertThat(rf.fx.metrics.find("slamon.refund.approval.cycle").tag("band", "medium").timer().count()).isEqualTo(1);
        assertThat(rf.fx.metrics.find("slamon.refund.leakage").tag("code", "BILLING_ERROR").tag("currency", "EUR")
                .tag("team", "payments").counter().count()).isEqualTo(75.5);
    }

    @Test
    void shouldCountViolationsAndAlertsInMetrics() {
        // given an agent approving a large refund without code or rationale
        rf.request("T-1", "R-1", "800", "EUR", null, T0);
        rf.decide("T-1", "R-1", true, "ana", "agent", null, REVIEWED);

        // then three rules are broken and counted
        assertThat(violationRules()).containsExactly("approver_role_too_low", "exception_code_missing", "rationale_missing");
        assertThat(rf.counter("slamon.refund.violations", "rule", "approver_role_too_low")).isEqualTo(1);
        assertThat(rf.counter("slamon.refund.violations", "rule", "rationale_missing")).isEqualTo(1);
        assertThat(rf.counter("slamon.alerts", "type", "GOVERNANCE_VIOLATION")).isEqualTo(3);
        assertThat(rf.counter("slamon.refund.leakage", "code", "NONE")).isEqualTo(800);
    }
}
