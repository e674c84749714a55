package dev.slamonitor.api.refund;

import dev.slamonitor.refund.ApprovalRecord;
import dev.slamonitor.refund.LeakageView;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's read model of refund governance: the latest approval record per refund and the latest
 * leakage view per period, as the compacted approvals and leakage topics hold them. Written by its
 * feed on the API's context, read by handlers there; every method is thread-safe and non-blocking. A
 * tombstone (null value) removes the entry, like compaction would.
 */
public final class RefundView {

    private final Map<String, ApprovalRecord> approvals = new ConcurrentHashMap<>();
    private final Map<String, LeakageView> leakage = new ConcurrentHashMap<>();

    public void onApproval(String refundId, ApprovalRecord record) {
        if (record == null) {
            approvals.remove(refundId);
        } else {
            approvals.put(refundId, record);
        }
    }

    public void onLeakage(String period, LeakageView view) {
        if (view == null) {
            leakage.remove(period);
        } else {
            leakage.put(period, view);
        }
    }

    public Optional<ApprovalRecord> approval(String refundId) {
        return Optional.ofNullable(approvals.get(refundId));
    }

    /** An approver's decisions, newest first. */
    public List<ApprovalRecord> approvalsBy(String approver, int limit) {
        return approvals.values().stream()
                .filter(r -> approver.equals(r.approver()))
                .sorted(Comparator.comparing(ApprovalRecord::decidedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                        .thenComparing(ApprovalRecord::refundId))
                .limit(limit)
                .toList();
    }

    public Optional<LeakageView> leakage(String period) {
        return Optional.ofNullable(leakage.get(period));
    }
}
