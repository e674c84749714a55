package dev.slamonitor.processor.metrics.domain;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import java.time.Duration;

/** One business fact to record on a meter, derived from one ticket event by {@link TicketMetricsRules}. */
public sealed interface Observation {

    /** A ticket was opened. */
    record Opened(Severity severity) implements Observation {
    }

    /** A tier move (escalation or bounce back); {@code firstEscalation} marks the ticket's first one. */
    record Escalated(Severity severity, SupportTier fromTier, SupportTier toTier, boolean firstEscalation,
                     Duration sinceOpened) implements Observation {
    }

    /** A ticket that had been resolved (and was reopened) escalated again. */
    record Reescalated(Severity severity) implements Observation {
    }

    /** A ticket was resolved at a tier. */
    record Resolved(Severity severity, SupportTier tier) implements Observation {
    }

    /** A CSAT score for a ticket that was escalated at some point before the score arrived. */
    record EscalatedCsat(int score) implements Observation {
    }
}
