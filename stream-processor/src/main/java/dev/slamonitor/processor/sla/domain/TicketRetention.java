package dev.slamonitor.processor.sla.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the SLA feature keeps a finished ticket: a ticket in a terminal status (solved, closed)
 * with no clock and no re-notification pending is "resting" from the wall-clock instant it became
 * so (or was last touched by an event or acknowledgement); {@code keepResolved} after that instant
 * its state is forgotten.
 *
 * <p>Invariants: {@code keepResolved} is positive. The rule only answers questions about a state; it
 * never reads a clock: callers pass wall-clock {@code now}.
 */
public record TicketRetention(Duration keepResolved) {

    public TicketRetention {
        if (keepResolved == null || keepResolved.isZero() || keepResolved.isNegative()) {
            throw new IllegalArgumentException("retention of resolved tickets must be a positive duration: " + keepResolved);
        }
    }

    public static TicketRetention of(Duration keepResolved) {
        return new TicketRetention(keepResolved);
    }

    /** The instant a ticket resting since {@code restingSince} is forgotten. */
    public Instant expiresAt(Instant restingSince) {
        return restingSince.plus(keepResolved);
    }

    /**
     * The state's wake-up and resting instant once a step is done.
     *
     * @param pending      the earliest clock deadline or re-notification, null when nothing is pending
     * @param previous     the state before the step (null for a new ticket)
     * @param touched      true when the step applied an event or acknowledgement (restarts the retention)
     */
    Resting settle(Ticket ticket, Instant pending, SlaState previous, boolean touched, Instant now) {
        if (!ticket.isResolved() || pending != null) {
            return new Resting(null, pending);
        }
        Instant since = touched || previous == null || previous.restingSince() == null ? now : previous.restingSince();
        return new Resting(since, expiresAt(since));
    }

    /**
     * True when the ticket's state may be deleted at {@code now}: it is terminal, has been resting (nothing
     * pending, untouched) for the whole retention.
     */
    public boolean isExpired(Ticket ticket, SlaState state, Instant now) {
        return ticket.isResolved() && state.restingSince() != null && !now.isBefore(expiresAt(state.restingSince()));
    }

    /**
     * True when a stored resting ticket's wake-up does not follow this rule: stored before retention
     * existed (terminal, no wake-up) or under another retention. A sweep re-evaluates such tickets.
     */
    public boolean isOutOfDate(Ticket ticket, SlaState state) {
        if (!ticket.isResolved()) {
            return false;
        }
        if (state.wakeAt() == null) {
            return true;
        }
        return state.restingSince() != null && !state.wakeAt().equals(expiresAt(state.restingSince()));
    }

    /** When a resting ticket started resting (null when not resting) and its wake-up. */
    record Resting(Instant since, Instant wakeAt) {
    }
}
