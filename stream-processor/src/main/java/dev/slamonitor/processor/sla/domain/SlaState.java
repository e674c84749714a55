package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.state.AckView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SLA side of one ticket: the policy in force (id + version, recorded so that a new version is
 * noticed and applied), every clock by kind, the alerts raised, the acknowledgements received, the
 * latest handoff, and the instant the ticket's single timer is scheduled for.
 *
 * <p>Invariant: {@code wakeAt} equals the earliest {@link SlaClock#nextDue()} / re-notify instant,
 * or null when nothing is pending; the deadline index holds exactly one entry per ticket at
 * {@code wakeAt} (the index is a hint, this state is the truth).
 */
public record SlaState(String policyId, int policyVersion, Map<ClockKind, SlaClock> clocks, List<RaisedAlert> alerts,
                       List<AckView> acks, HandoffNote handoff, Instant wakeAt) {

    public static SlaState empty(SlaPolicy policy) {
        return new SlaState(policy.id(), policy.version(), Map.of(), List.of(), List.of(), null, null);
    }

    public boolean isPolicy(SlaPolicy policy) {
        return policyId.equals(policy.id()) && policyVersion == policy.version();
    }
}
