package dev.slamonitor.processor.knowledge.domain;

import java.time.Instant;
import java.util.List;

/** Something the knowledge rules found while applying one ticket event. */
public sealed interface Finding {

    /** An ESCALATED event without every required handoff input; {@code missing} names the fields. */
    record HandoffIncomplete(String eventId, String fromTier, String toTier, Instant at, List<String> missing)
            implements Finding {
    }

    /** The ticket moved between tiers more often than the policy allows (reported once per ticket). */
    record PingPong(int moves, int maxMoves, Instant at) implements Finding {
    }

    /** A RESOLVED event, to be counted under its root cause. */
    record Resolved(ResolvedCause cause) implements Finding {
    }
}
