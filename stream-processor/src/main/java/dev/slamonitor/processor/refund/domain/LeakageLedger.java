package dev.slamonitor.processor.refund.domain;

import dev.slamonitor.processor.refund.domain.GovernancePolicy.LeakageRules;
import dev.slamonitor.refund.LeakageView;
import dev.slamonitor.refund.LeakageView.Line;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns day ledgers into the published leakage views (a calendar month, or the rolling 30 days) and
 * decides when an exception code's repeats call for a remediation alert. Pure.
 */
public final class LeakageLedger {

    public static final int ROLLING_DAYS = 30;

    private LeakageLedger() {
    }

    /** Sums the given days (all inside [from, to]) into one view, with outliers marked among approvers and teams. */
    public static LeakageView view(String period, LocalDate from, LocalDate to, String zone, List<DayLedger> days,
                                   LeakageRules rules, Instant updatedAt) {
        Map<String, Tally> codes = new TreeMap<>();
        Map<String, Tally> approvers = new TreeMap<>();
        Map<String, Tally> teams = new TreeMap<>();
        for (DayLedger day : days) {
            day.byCode().forEach((k, t) -> codes.merge(k, t, Tally::plus));
            day.byApprover().forEach((k, t) -> approvers.merge(k, t, Tally::plus));
            day.byTeam().forEach((k, t) -> teams.merge(k, t, Tally::plus));
        }
        Map<String, Tally> totals = new TreeMap<>();
        codes.forEach((k, t) -> totals.merge(DayLedger.keyOf("all", currencyOf(k)), t, Tally::plus));
        return new LeakageView(period, from.toString(), to.toString(), zone, lines(totals), lines(codes),
                OutlierDetector.mark(lines(approvers), rules.outlierFactor(), rules.outlierMinCount(), rules.outlierMinPeers()),
                OutlierDetector.mark(lines(teams), rules.outlierFactor(), rules.outlierMinCount(), rules.outlierMinPeers()),
                updatedAt);
    }

    /** Approvals with a code over the given days, in every currency. */
    public static long codeCount(List<DayLedger> days, String code) {
        String prefix = code + "|";
        return days.stream().flatMap(d -> d.byCode().entrySet().stream())
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().count()).sum();
    }

    /**
     * A code raises a remediation alert when its count over the window reaches its threshold, at most
     * once per window length: after an alert, the code is quiet until a whole window has passed, so
     * a code that stays above its threshold does not page its owner on every approval.
     *
     * @param lastAlertDay the day of the code's previous alert, or null
     */
    public static boolean shouldRaiseDrift(long count, int threshold, LocalDate lastAlertDay, LocalDate today, int windowDays) {
        return count >= threshold && (lastAlertDay == null || !lastAlertDay.isAfter(today.minusDays(windowDays)));
    }

    private static List<Line> lines(Map<String, Tally> tallies) {
        List<Line> out = new ArrayList<>(tallies.size());
        tallies.forEach((k, t) -> out.add(new Line(k.substring(0, k.lastIndexOf('|')), currencyOf(k), t.count(),
                t.amount(), false, null)));
        out.sort(Comparator.comparing(Line::currency).thenComparing(Line::amount, Comparator.reverseOrder())
                .thenComparing(Line::key));
        return out;
    }

    private static String currencyOf(String key) {
        return key.substring(key.lastIndexOf('|') + 1);
    }
}
