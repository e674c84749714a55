package dev.slamonitor.processor.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.refund.LeakageView;
import dev.slamonitor.refund.LeakageView.Line;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The leakage ledger: calendar months, the rolling 30 days, outliers and code remediation alerts. */
class RefundLeakageTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private RefundFixture rf;
    private int seq;

    @BeforeEach
    void setUp() {
        rf = new RefundFixture(T0);
        rf.open("T-1", "payments", T0.minus(Duration.ofDays(60)));
        rf.open("T-2", "identity", T0.minus(Duration.ofDays(60)));
    }

    @AfterEach
    void tearDown() {
        rf.close();
    }

    /** Requests and approves one refund (rationale given, after review) at the given time. */
    private void approve(String ticket, String amount, String currency, String code, String approver, Instant at) {
        String refundId = "R-" + (++seq);
        rf.request(ticket, refundId, amount, currency, code, at.minus(Duration.ofMinutes(10)));
        rf.decide(ticket, refundId, true, approver, "manager", "reviewed", at);
    }

    private static Line line(List<Line> lines, String key, String currency) {
        return lines.stream().filter(l -> l.key().equals(key) && l.currency().equals(currency)).findFirst().orElseThrow();
    }

    @Test
    void shouldSumApprovedAmountsPerCalendarMonthByCodeApproverAndTeamPerCurrency() {
        // given approvals on the last day of October and in November, in two currencies, and one rejection
        approve("T-1", "40", "EUR", "GOODWILL", "ana", Instant.parse("2026-10-31T23:59:59Z"));
        approve("T-1", "60", "EUR", "GOODWILL", "ana", Instant.parse("2026-11-01T00:00:00Z"));
        approve("T-2", "25.50", "EUR", "BILLING_ERROR", "bo", Instant.parse("2026-11-20T10:00:00Z"));
        approve("T-2", "30", "USD", "GOODWILL", "bo", Instant.parse("2026-11-21T10:00:00Z"));
        rf.request("T-1", "R-X", "999", "EUR", "GOODWILL", Instant.parse("2026-11-21T10:00:00Z"));
        rf.decide("T-1", "R-X", false, "ana", "manager", null, Instant.parse("2026-11-21T11:00:00Z"));

        // then each month holds only its own days, amounts never mix currencies, rejections count nothing
        Map<String, LeakageView> views = rf.leakageByPeriod();
        assertThat(views).containsKeys("2026-10", "2026-11", LeakageView.ROLLING_30_DAYS);
        LeakageView october = views.get("2026-10");
        assertThat(october.totals()).singleElement().satisfies(l -> assertThat(l.amount()).isEqualByComparingTo("40"));
        LeakageView november = views.get("2026-11");
        assertThat(november.from()).isEqualTo("2026-11-01");
        assertThat(november.to()).isEqualTo("2026-11-30");
        assertThat(line(november.totals(), "all", "EUR").amount()).isEqualByComparingTo("85.50");
        assertThat(line(november.totals(), "all", "USD").amount()).isEqualByComparingTo("30");
        assertThat(line(november.byCode(), "GOODWILL", "EUR").amount()).isEqualByComparingTo("60");
        assertThat(line(november.byCode(), "BILLING_ERROR", "EUR").count()).isEqualTo(1);
        assertThat(line(november.byApprover(), "bo", "EUR").amount()).isEqualByComparingTo("25.50");
        assertThat(line(november.byTeam(), "identity", "USD").amount()).isEqualByComparingTo("30");
        // and the rolling 30 days end on the newest approval day (Nov 21) and start 29 days before (Oct 23)
        LeakageView rolling = views.get(LeakageView.ROLLING_30_DAYS);
        assertThat(rolling.from()).isEqualTo("2026-10-23");
        assertThat(rolling.to()).isEqualTo("2026-11-21");
        assertThat(line(rolling.totals(), "all", "EUR").amount()).isEqualByComparingTo("125.50");
    }

    @Test
    void shouldReportLeakageInTheReportingCurrencyWithTheConfiguredTableAndKeepUnknownCurrenciesApart() {
        // given a table into EUR with a rate for USD but none for JPY (which the governance policy knows)
        rf.close();
        rf = new RefundFixture(Map.of("refund.reporting.rates", "USD=0.95"), T0);
        rf.open("T-1", "payments", T0.minus(Duration.ofDays(60)));
        rf.open("T-2", "identity", T0.minus(Duration.ofDays(60)));
        approve("T-1", "100", "EUR", "GOODWILL", "ana", Instant.parse("2026-11-01T10:00:00Z"));
        approve("T-2", "200", "USD", "GOODWILL", "bo", Instant.parse("2026-11-02T10:00:00Z"));
        approve("T-2", "5000", "JPY", "GOODWILL", "bo", Instant.parse("2026-11-03T10:00:00Z"));

        // then the reporting counter holds EUR 100 + USD 200 * 0.95, the raw counter stays per currency
        assertThat(rf.counter("slamon.refund.leakage.reporting", "currency", "EUR")).isEqualTo(290.0);
        assertThat(rf.counter("slamon.refund.leakage", "currency", "USD")).isEqualTo(200.0);
        assertThat(rf.counter("slamon.refund.leakage.unconverted", "currency", "JPY")).isEqualTo(5000.0);
    }

    @Test
    void shouldMarkAnApproverAboveThreeTimesThePeerMedianAsOutlier() {
        // given three approvers with about 100 EUR each and one with 5 approvals of 100 EUR (500)
        Instant day = Instant.parse("2026-11-10T10:00:00Z");
        approve("T-1", "100", "EUR", "GOODWILL", "ana", day);
        approve("T-1", "110", "EUR", "GOODWILL", "bo", day);
        approve("T-1", "90", "EUR", "GOODWILL", "chen", day);
        for (int i = 0; i < 5; i++) {
            approve("T-2", "100", "EUR", "GOODWILL", "dara", day.plusSeconds(i));
        }

        // then dara (500 > 3 x median 100) is an outlier and the others are not tested (fewer than 5 approvals)
        LeakageView november = rf.leakageByPeriod().get("2026-11");
        Line dara = line(november.byApprover(), "dara", "EUR");
        assertThat(dara.outlier()).isTrue();
        assertThat(dara.peerMedian()).isEqualByComparingTo("100");
        assertThat(line(november.byApprover(), "ana", "EUR").outlier()).isFalse();
        assertThat(line(november.byApprover(), "ana", "EUR").peerMedian()).isNull();
    }

    @Test
    void shouldRaiseARemediationAlertToTheCodeOwnerWhenTheCodeReachesItsRepeatThreshold() {
        // given SECURITY_INCIDENT (threshold 3 in 30 days, owner security-officer) approved twice
        approve("T-1", "10", "EUR", "SECURITY_INCIDENT", "ana", T0.minus(Duration.ofDays(29)));
        approve("T-1", "10", "USD", "SECURITY_INCIDENT", "bo", T0.minus(Duration.ofDays(1)));
        assertThat(rf.alerts(AlertType.DRIFT)).isEmpty();

        // when a third approval lands inside the 30-day window, then a fourth
        approve("T-2", "10", "EUR", "SECURITY_INCIDENT", "chen", T0);
        approve("T-2", "10", "EUR", "SECURITY_INCIDENT", "chen", T0.plusSeconds(60));

        // then exactly one DRIFT alert goes to the code's owner, shaped like the root-cause drift loop's
        List<Alert> drift = rf.alerts(AlertType.DRIFT);
        assertThat(drift).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo("refund-code:SECURITY_INCIDENT");
            assertThat(a.partitionKey()).isEqualTo("refund-code:SECURITY_INCIDENT");
            assertThat(a.ticketId()).isNull();
            assertThat(a.owner()).isEqualTo("security-officer");
            assertThat(a.deadline()).isEqualTo(a.firedAt().plus(Duration.ofDays(14)));
            assertThat(a.details()).containsEntry("count", 3).containsEntry("threshold", 3)
                    .containsEntry("windowDays", 30)
                    .containsEntry("playbook", "https://wiki.example.com/playbooks/refunds/security-incident");
        });
        assertThat(rf.counter("slamon.alerts", "type", "DRIFT")).isEqualTo(1);
    }

    @Test
    void shouldNotCountApprovalsOutsideTheCodeWindow() {
        // given two approvals 30 and 29 days before a third
        approve("T-1", "10", "EUR", "SECURITY_INCIDENT", "ana", T0.minus(Duration.ofDays(30)));
        approve("T-1", "10", "EUR", "SECURITY_INCIDENT", "ana", T0.minus(Duration.ofDays(29)));

        // when the third lands: the 30-day window (this day and the 29 before) holds only two of them
        approve("T-1", "10", "EUR", "SECURITY_INCIDENT", "ana", T0);

        // then no remediation alert
        assertThat(rf.alerts(AlertType.DRIFT)).isEmpty();
    }
}
