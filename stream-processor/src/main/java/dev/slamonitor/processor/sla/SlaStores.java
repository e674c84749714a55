package dev.slamonitor.processor.sla;

/**
 * Names of the SLA feature's state stores (also the names of their changelog topics); the policy
 * stores are named by {@link dev.slamonitor.processor.sla.SlaPolicyChannel}.
 */
public final class SlaStores {

    /**
     * ticketId -> {@code TrackedTicket}: the ticket's facts, its SLA state (clocks, alerts raised,
     * acknowledgements, policy in force) and the event ids it has applied, as one value.
     */
    public static final String TICKETS = "sla-ticket-state";
    /** The deadline-ordered timer index ({@code DeadlineIndex}): one entry per ticket at its next wake-up. */
    public static final String DEADLINES = "sla-deadlines";
    /** Per task: the policy fingerprint last applied and the cursor of a running re-evaluation sweep. */
    public static final String POLICY_SWEEP = "sla-policy-sweep";

    private SlaStores() {
    }
}
