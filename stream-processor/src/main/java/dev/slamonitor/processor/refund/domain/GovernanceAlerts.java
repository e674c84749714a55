package dev.slamonitor.processor.refund.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the alerts of refund governance. Ids come from {@link Alert#idOf} over what makes an alert
 * unique (never the firing time), so a replay after a crash yields the same ids:
 * <ul>
 *   <li>violation: type, refundId, rule, decision eventId</li>
 *   <li>approval overdue: type, refundId, deadline</li>
 *   <li>code drift: type, subject {@code refund-code:<CODE>}, the approval that crossed the threshold</li>
 * </ul>
 * Details never hold nulls; amounts are plain decimal strings so no consumer rounds them.
 */
public final class GovernanceAlerts {

    public static final String DRIFT_SUBJECT_PREFIX = "refund-code:";

    private GovernanceAlerts() {
    }

    public static Alert violation(RefundCase c, RuleBreach breach, TicketEvent decision, String band,
                                  String requiredRole, Duration cycle, GovernancePolicy policy, Instant firedAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        put(details, "rule", breach.rule().wire());
        put(details, "refundId", c.refundId());
        put(details, "approver", decision.approver());
        put(details, "approverRole", decision.approverRole());
        put(details, "requiredRole", requiredRole);
        put(details, "band", band);
        put(details, "amount", c.amount() == null ? null : c.amount().toPlainString());
        put(details, "currency", c.currency());
        put(details, "exceptionCode", c.exceptionCode());
        put(details, "approved", decision.approved());
        put(details, "rationale", decision.rationale());
        put(details, "cycleTimeSeconds", cycle == null ? null : cycle.toSeconds());
        put(details, "decisionEventId", decision.eventId());
        String owner = policy.code(c.exceptionCode()).map(GovernancePolicy.ExceptionCode::owner).orElse(null);
        return new Alert(Alert.idOf(AlertType.GOVERNANCE_VIOLATION, c.refundId(), breach.rule().wire(), decision.eventId()),
                AlertType.GOVERNANCE_VIOLATION, c.ticketId(), "refund:" + c.refundId(), null, null, firedAt, 0, null,
                null, c.team(), null, owner, breach.rule().wire(),
                "Refund " + c.refundId() + " broke rule " + breach.rule().wire() + ": " + breach.detail(),
                policy.policyId(), policy.version(), details);
    }

    public static Alert overdue(RefundCase c, Instant firedAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        put(details, "refundId", c.refundId());
        put(details, "amount", c.amount().toPlainString());
        put(details, "currency", c.currency());
        put(details, "band", c.band());
        put(details, "requiredRole", c.requiredRole());
        put(details, "exceptionCode", c.exceptionCode());
        put(details, "requestedAt", c.requestedAt().toString());
        put(details, "waitingSeconds", Duration.between(c.requestedAt(), firedAt).toSeconds());
        return new Alert(Alert.idOf(AlertType.APPROVAL_OVERDUE, c.refundId(), c.deadline()), AlertType.APPROVAL_OVERDUE,
                c.ticketId(), "refund:" + c.refundId(), "approval_cycle", c.deadline(), firedAt, 0, null, null, c.team(),
                null, null, "approval_cycle_sla",
                "Refund " + c.refundId() + " (" + c.amount().toPlainString() + " " + c.currency() + ", band " + c.band()
                        + ") has waited past its approval-cycle SLA for a " + c.requiredRole() + " decision",
                c.policyId(), c.policyVersion(), details);
    }

    /**
     * A remediation alert to a code's owner, shaped like the root-cause drift loop's: type DRIFT, no
     * ticket, subject naming the code, owner from the taxonomy, due date for the fix.
     */
    public static Alert codeDrift(GovernancePolicy.ExceptionCode code, long count, Duration window, LeakageEntry trigger,
                                  GovernancePolicy policy, Instant firedAt) {
        Instant due = firedAt.plus(policy.leakage().remediationDue());
        Map<String, Object> details = new LinkedHashMap<>();
        put(details, "code", code.code());
        put(details, "description", code.description());
        put(details, "count", count);
        put(details, "threshold", code.repeatThreshold());
        put(details, "windowDays", window.toDays());
        put(details, "playbook", code.playbook());
        put(details, "remediationDue", due.toString());
        put(details, "triggeredBy", trigger.refundId());
        put(details, "triggeredByApprover", trigger.approver());
        put(details, "triggeredByTeam", trigger.team());
        String subject = DRIFT_SUBJECT_PREFIX + code.code();
        return new Alert(Alert.idOf(AlertType.DRIFT, subject, trigger.refundId()), AlertType.DRIFT, null, subject, null,
                due, firedAt, 0, null, null, null, null, code.owner(), "refund_code_repeat",
                "Exception code " + code.code() + " was used for " + count + " approved refunds in " + window.toDays()
                        + " days (threshold " + code.repeatThreshold() + "): review the process behind it, playbook "
                        + code.playbook(),
                policy.policyId(), policy.version(), details);
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
