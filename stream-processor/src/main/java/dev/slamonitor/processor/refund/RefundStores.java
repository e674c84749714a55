package dev.slamonitor.processor.refund;

/** Names of the refund feature's state stores (also the names of their changelog topics). */
public final class RefundStores {

    /** ticketId|refundId -> the refund's case (request, decisions, deadline). */
    public static final String CASES = "refund-cases";
    /** Deadline-ordered approval-cycle timers ({@code timer.DeadlineIndex}). */
    public static final String DEADLINES = "refund-deadlines";
    /** ticketId -> team, windowed by the ticket's opening time, so refunds can be charged to a team. */
    public static final String TICKET_TEAMS = "refund-ticket-teams";
    /** policyId -> version and digest of the last accepted policy (refuses stale versions). */
    public static final String POLICY_VERSIONS = "refund-policy-versions";
    /** Global store over the validated-policy topic: policyId -> validated policy JSON in force. */
    public static final String POLICY_STORE = "refund-governance-store";
    /** ISO day -> approved refunds of the day, on the single ledger partition. */
    public static final String LEAKAGE_DAYS = "refund-leakage-days";
    /** exception code -> ISO day of its last remediation (drift) alert. */
    public static final String CODE_DRIFT = "refund-code-drift";

    private RefundStores() {
    }
}
