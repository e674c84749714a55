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
 * <p>Invariant: {@code wakeAt} equals the earliest {@link SlaClock#nextDue()} / re-notify instant;
 * when nothing is pending and the ticket is terminal it is "resting" ({@code restingSince}, wall
 * clock) and {@code wakeAt} is the instant its retention ends ({@link TicketRetention}); otherwise
 * {@code restingSince} is null. The deadline index holds exactly one entry per ticket at
 * {@code wakeAt} (the index is a hint, this state is the truth). States stored before retention
 * existed have no {@code restingSince} (null) and no wake-up; a sweep schedules them. {@code history}
 * holds the completed clock cycles and clock events for reporting; states stored before it existed
 * read as an empty history.
 */
public record SlaState(String policyId, int policyVersion, Map<ClockKind, SlaClock> clocks, List<RaisedAlert> alerts,
                       List<AckView> acks, HandoffNote handoff, Instant wakeAt, Instant restingSince,
                       SlaHistory history) {

    public SlaState {
        if (history == null) {
            history = SlaHistory.EMPTY;
        }
    }

    public static SlaState empty(SlaPolicy policy) {
        return new SlaState(policy.id(), policy.version(), Map.of(), List.of(), List.of(), null, null, null,
                SlaHistory.EMPTY);
    }

    SlaState withWake(Instant nextWakeAt, Instant nextRestingSince) {
        return new SlaState(policyId, policyVersion, clocks, alerts, acks, handoff, nextWakeAt, nextRestingSince, history);
    }

    /**
     * True when {@code wakeAt} is the deadline of a running clock, so a breach or escalation falls due
     * then; false when the next wake-up is only a warning, a re-notification or the end of the retention.
     */
    public boolean wakesForDeadline() {
        if (wakeAt == null || restingSince != null) {
            return false;
        }
        for (SlaClock clock : clocks.values()) {
            if (clock.state() == ClockState.RUNNING && wakeAt.equals(clock.deadline())) {
                return true;
            }
        }
        return false;
    }

    public boolean isPolicy(SlaPolicy policy) {
        return policyId.equals(policy.id()) && policyVersion == policy.version();
    }
}
