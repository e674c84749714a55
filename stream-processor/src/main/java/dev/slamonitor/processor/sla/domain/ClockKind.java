package dev.slamonitor.processor.sla.domain;

/**
 * The SLA clocks a ticket can run, and what happens at each one's deadline.
 *
 * <ul>
 *   <li>{@code first_response}: from opening to the first agent reply; deadline -> BREACH.</li>
 *   <li>{@code resolution}: the time a ticket may spend at its current tier (the escalation matrix);
 *       deadline -> BREACH and ESCALATION to the next tier ({@code tier_time_limit}).</li>
 *   <li>{@code customer_update}: from each agent reply to the next (the update cadence); deadline -> BREACH.</li>
 *   <li>{@code handoff_ack}: from an ESCALATED event until the new owner's ACKNOWLEDGED; deadline ->
 *       BREACH and ESCALATION ({@code handoff_not_acknowledged}). Not paused by customer statuses:
 *       the handoff is internal.</li>
 *   <li>{@code no_update}: from each agent reply (or opening); deadline -> ESCALATION ({@code no_update_24h}).</li>
 *   <li>{@code management_notice}: the matrix's management column, from opening; deadline ->
 *       ESCALATION to management ({@code management_notice}).</li>
 * </ul>
 */
public enum ClockKind {
    FIRST_RESPONSE("first_response", true, true, null),
    RESOLUTION("resolution", true, true, "tier_time_limit"),
    CUSTOMER_UPDATE("customer_update", true, true, null),
    HANDOFF_ACK("handoff_ack", false, true, "handoff_not_acknowledged"),
    NO_UPDATE("no_update", true, false, "no_update_24h"),
    MANAGEMENT_NOTICE("management_notice", true, false, "management_notice");

    private final String wire;
    private final boolean pausable;
    private final boolean isSlaTarget;
    private final String escalationReason;

    ClockKind(String wire, boolean pausable, boolean isSlaTarget, String escalationReason) {
        this.wire = wire;
        this.pausable = pausable;
        this.isSlaTarget = isSlaTarget;
        this.escalationReason = escalationReason;
    }

    /** Name in alerts and snapshots. */
    public String wire() {
        return wire;
    }

    /** Whether pending_customer / on_hold pause this clock. */
    public boolean pausable() {
        return pausable;
    }

    /** SLA targets warn before and BREACH at their deadline; pure triggers only escalate. */
    public boolean isSlaTarget() {
        return isSlaTarget;
    }

    /** The ESCALATION reason at the deadline, or null if the deadline does not escalate. */
    public String escalationReason() {
        return escalationReason;
    }
}
