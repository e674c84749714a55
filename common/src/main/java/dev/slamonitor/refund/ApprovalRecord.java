package dev.slamonitor.refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The audit-trail entry of one decided refund, as published to the compacted approvals topic (key:
 * refundId). The topic keeps the latest record per refund: a later decision (an approval after a
 * rejection, a duplicate approval) re-publishes the record with the decision count and violations
 * updated, so the record always says who decided, under which policy version and what was wrong.
 *
 * @param requiredRole     the role the policy asked for at this amount (null if the refund was never requested)
 * @param band             the policy's threshold band of the amount (null if never requested)
 * @param amount           requested amount (null if never requested)
 * @param codeOwner        owner of the exception code in the taxonomy (null if missing or unknown)
 * @param cycleTimeMillis  decision time minus request time, event time (null if never requested)
 * @param decisions        number of distinct decisions seen for the refund (2+ means a duplicate)
 * @param violations       governance rules broken by the decisions so far (wire names, e.g. approver_role_too_low)
 */
public record ApprovalRecord(
        String refundId,
        String ticketId,
        String team,
        boolean approved,
        String approver,
        String approverRole,
        String requiredRole,
        String band,
        BigDecimal amount,
        String currency,
        String exceptionCode,
        String codeOwner,
        String rationale,
        Instant requestedAt,
        Instant decidedAt,
        Long cycleTimeMillis,
        int decisions,
        List<String> violations,
        String policyId,
        Integer policyVersion) {

    public ApprovalRecord {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
