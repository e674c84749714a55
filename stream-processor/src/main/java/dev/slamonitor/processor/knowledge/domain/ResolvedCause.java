package dev.slamonitor.processor.knowledge.domain;

import java.time.Instant;

/**
 * One resolution with its root cause, travelling from the per-ticket step to the per-tag step
 * (re-keyed by tag). Carries what the tag side needs: the closure facts (SOP update version or
 * rejection rationale) and whether the ticket was escalated (repeat escalation rate).
 */
public record ResolvedCause(String ticketId, String eventId, String rootCause, Instant resolvedAt, boolean escalated,
                            String sopVersion, String sopRejectionRationale, String severity, String tier,
                            String team, String customerId) {

    /** The closure rule's evidence: an SOP update version or an explicit rejection rationale. */
    public boolean hasSopDecision() {
        return (sopVersion != null && !sopVersion.isBlank())
                || (sopRejectionRationale != null && !sopRejectionRationale.isBlank());
    }
}
