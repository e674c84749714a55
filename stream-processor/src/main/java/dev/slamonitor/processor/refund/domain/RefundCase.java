package dev.slamonitor.processor.refund.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What governance remembers about one refund, from its request to its decisions. Immutable; the
 * {@code with*} methods return new values.
 *
 * <p>Invariants: {@code requestEventId == null} means the refund was never requested (a decision came
 * first); {@code deadline} is set only while the request waits for its first decision;
 * {@code decisionEventIds} holds every distinct decision event, so redelivered events change nothing;
 * {@code approvedAt} is the first approval, which is the one counted as leakage.
 */
public record RefundCase(
        String refundId,
        String ticketId,
        String team,
        String requestEventId,
        Instant requestedAt,
        BigDecimal amount,
        String currency,
        String exceptionCode,
        String band,
        String requiredRole,
        Instant deadline,
        boolean overdueAlerted,
        List<String> decisionEventIds,
        Boolean approved,
        String approver,
        String approverRole,
        String rationale,
        Instant decidedAt,
        Instant approvedAt,
        List<String> violations,
        String policyId,
        Integer policyVersion) {

    public RefundCase {
        decisionEventIds = decisionEventIds == null ? List.of() : List.copyOf(decisionEventIds);
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** The store and timer key: refunds live with their ticket's partition. */
    public static String keyOf(String ticketId, String refundId) {
        return ticketId + "|" + refundId;
    }

    @JsonIgnore
    public String key() {
        return keyOf(ticketId, refundId);
    }

    @JsonIgnore
    public boolean wasRequested() {
        return requestEventId != null;
    }

    @JsonIgnore
    public boolean isDecided() {
        return !decisionEventIds.isEmpty();
    }

    @JsonIgnore
    public boolean isApproved() {
        return approvedAt != null;
    }

    RefundCase withRequest(String eventId, Instant at, BigDecimal amount, String currency, String code,
                           String band, String requiredRole, Instant deadline, String policyId, Integer policyVersion) {
        return new RefundCase(refundId, ticketId, team, eventId, at, amount, currency, code, band, requiredRole,
                deadline, overdueAlerted, decisionEventIds, approved, approver, approverRole, rationale, decidedAt,
                approvedAt, violations, policyId, policyVersion);
    }

    RefundCase withOverdueAlerted() {
        return new RefundCase(refundId, ticketId, team, requestEventId, requestedAt, amount, currency, exceptionCode,
                band, requiredRole, deadline, true, decisionEventIds, approved, approver, approverRole, rationale,
                decidedAt, approvedAt, violations, policyId, policyVersion);
    }

    /** Records a decision; the first approval is kept as the approval of record, the deadline is cleared. */
    RefundCase withDecision(String eventId, boolean isApproval, String by, String role, String why, Instant at,
                            List<String> newViolations, String policyId, Integer policyVersion) {
        List<String> ids = new ArrayList<>(decisionEventIds);
        ids.add(eventId);
        List<String> allViolations = new ArrayList<>(violations);
        newViolations.stream().filter(v -> !allViolations.contains(v)).forEach(allViolations::add);
        boolean keepFirstApproval = isApproved();
        return new RefundCase(refundId, ticketId, team, requestEventId, requestedAt, amount, currency, exceptionCode,
                band, requiredRole, null, overdueAlerted, ids,
                keepFirstApproval ? approved : isApproval,
                keepFirstApproval ? approver : by,
                keepFirstApproval ? approverRole : role,
                keepFirstApproval ? rationale : why,
                keepFirstApproval ? decidedAt : at,
                keepFirstApproval ? approvedAt : isApproval ? at : null,
                allViolations, policyId, policyVersion);
    }
}
