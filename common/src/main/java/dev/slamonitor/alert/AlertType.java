package dev.slamonitor.alert;

/** Every kind of alert on the alerts topic. */
public enum AlertType {
    /** A clock passed its warning threshold (default 75 % of the target). */
    WARNING,
    /** A clock passed its deadline. */
    BREACH,
    /** The ticket must move to the next tier; {@code reason} says which trigger fired. */
    ESCALATION,
    /** An unacknowledged BREACH or ESCALATION, sent again at a higher notification level. */
    RENOTIFY,
    /** A root-cause tag (or refund exception code) crossed its repeat threshold in a window. */
    DRIFT,
    /** A remediation item passed its due date without being closed. */
    REMEDIATION_OVERDUE,
    /** A repeat root cause was resolved without an SOP update or an explicit rejection. */
    KNOWLEDGE_GAP,
    /** An escalated ticket has no published RCA within the policy's time after resolution. */
    RCA_OVERDUE,
    /** An escalation arrived without every required handoff input. */
    HANDOFF_INCOMPLETE,
    /** A ticket moved between tiers more often than the policy allows. */
    PING_PONG,
    /** A refund decision did not come within the approval-cycle SLA. */
    APPROVAL_OVERDUE,
    /** A refund decision broke a governance rule; {@code reason} names the rule. */
    GOVERNANCE_VIOLATION
}
