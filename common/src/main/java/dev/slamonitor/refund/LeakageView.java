package dev.slamonitor.refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Approved refund amounts ("leakage") over one period, as published to the compacted leakage topic.
 * The key is the period: a calendar month ({@code 2026-11}) or {@value #ROLLING_30_DAYS} for the
 * rolling 30-day window ending on the newest approval day. Amounts are never summed across
 * currencies: every line is per currency.
 *
 * @param period   the record key: {@code yyyy-MM} or {@value #ROLLING_30_DAYS}
 * @param from     first day of the period, inclusive (ISO date)
 * @param to       last day of the period, inclusive (ISO date)
 * @param zone     time zone whose calendar defines days and months
 * @param totals   one line per currency, key {@code all}
 * @param updatedAt event time of the newest approval folded in
 */
public record LeakageView(
        String period,
        String from,
        String to,
        String zone,
        List<Line> totals,
        List<Line> byCode,
        List<Line> byApprover,
        List<Line> byTeam,
        Instant updatedAt) {

    public static final String ROLLING_30_DAYS = "last-30-days";

    public LeakageView {
        totals = List.copyOf(totals);
        byCode = List.copyOf(byCode);
        byApprover = List.copyOf(byApprover);
        byTeam = List.copyOf(byTeam);
    }

    /**
     * Approved refunds of one exception code, approver or team in one currency.
     *
     * @param outlier    true when the amount is more than the policy's factor times the median of its
     *                   peers (same dimension, currency and period), see docs/adr/0005-refund-governance.md
     * @param peerMedian median amount of the peers the outlier test compared with (null if not tested)
     */
    public record Line(String key, String currency, long count, BigDecimal amount, boolean outlier,
                       BigDecimal peerMedian) {
    }
}
