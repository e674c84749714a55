package dev.slamonitor.processor.refund.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * Approved refunds of one calendar day, tallied by exception code, approver and team, each per
 * currency. Keys are {@code name|CURRENCY}. Immutable; {@link #add} returns a new ledger. Days are
 * the unit the month and rolling-window views are summed from, which is why calendar months (which
 * no fixed-size window expresses) come out exact.
 */
public record DayLedger(String day, Map<String, Tally> byCode, Map<String, Tally> byApprover, Map<String, Tally> byTeam) {

    public DayLedger {
        byCode = Map.copyOf(byCode);
        byApprover = Map.copyOf(byApprover);
        byTeam = Map.copyOf(byTeam);
    }

    public static DayLedger empty(String day) {
        return new DayLedger(day, Map.of(), Map.of(), Map.of());
    }

    public DayLedger add(LeakageEntry e) {
        return new DayLedger(day, plus(byCode, e.exceptionCode(), e), plus(byApprover, e.approver(), e),
                plus(byTeam, e.team(), e));
    }

    public static String keyOf(String name, String currency) {
        return name + "|" + currency;
    }

    private static Map<String, Tally> plus(Map<String, Tally> tallies, String name, LeakageEntry e) {
        Map<String, Tally> next = new TreeMap<>(tallies);
        next.merge(keyOf(name, e.currency()), Tally.ZERO.plus(e.amount()), Tally::plus);
        return next;
    }
}
