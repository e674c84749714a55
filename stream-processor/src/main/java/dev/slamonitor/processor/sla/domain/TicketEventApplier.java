package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import java.time.Instant;

/**
 * Applies one (already de-duplicated, schema-valid) event to a ticket. Pure: no clock, no I/O.
 *
 * <p>Ordering rule for late events (occurredAt older than the newest event applied): current-value
 * fields are last-writer-wins by event time, so a late STATUS_CHANGED does not undo a newer one;
 * counters and activity timestamps absorb the event (they are commutative); the ticket counts the
 * late event in {@link Ticket#lateEvents()}.
 */
public final class TicketEventApplier {

    private TicketEventApplier() {
    }

    /** @param current the ticket as stored, or null if this ticket was never opened */
    public static ApplyResult apply(Ticket current, TicketEvent e) {
        if (current == null) {
            return e.type() == EventType.TICKET_OPENED ? ApplyResult.applied(open(e))
                    : ApplyResult.refused(DeadLetterReason.TICKET_NOT_OPENED,
                            e.type() + " for ticket " + e.ticketId() + " that was never opened");
        }
        Instant at = e.occurredAt();
        Ticket t = current.counted(at);
        return switch (e.type()) {
            case TICKET_OPENED -> ApplyResult.refused(DeadLetterReason.TICKET_ALREADY_OPENED,
                    "ticket " + e.ticketId() + " is already open (eventId " + e.eventId() + ")");
            case AGENT_REPLIED -> ApplyResult.applied(t.withActivity(max(t.lastAgentActivityAt(), at),
                    t.lastCustomerActivityAt(), t.agentReplies() + 1, t.customerReplies(),
                    isAfter(at, t.lastCustomerActivityAt()) ? 0 : t.customerRepliesSinceAgentReply()));
            case CUSTOMER_REPLIED -> ApplyResult.applied(t.withActivity(t.lastAgentActivityAt(),
                    max(t.lastCustomerActivityAt(), at), t.agentReplies(), t.customerReplies() + 1,
                    isAfter(at, t.lastAgentActivityAt()) ? t.customerRepliesSinceAgentReply() + 1
                            : t.customerRepliesSinceAgentReply()));
            case STATUS_CHANGED -> ApplyResult.applied(newer(at, t.statusAt()) ? status(t, e.status(), at) : t);
            case SEVERITY_CHANGED -> ApplyResult.applied(newer(at, t.severityAt()) ? t.withSeverity(e.severity(), at) : t);
            case ASSIGNED, ACKNOWLEDGED -> ApplyResult.applied(e.owner() != null && newer(at, t.ownerAt())
                    ? t.withOwner(e.owner(), at) : t);
            case ESCALATED -> ApplyResult.applied(escalate(t, e.toTier(), at));
            case RESOLVED -> ApplyResult.applied(newer(at, t.statusAt())
                    ? t.withStatus(TicketStatus.SOLVED, at).withResolution(at, e.rootCause())
                    : t.withResolution(t.resolvedAt(), e.rootCause()));
            case REOPENED -> ApplyResult.applied(newer(at, t.statusAt())
                    ? t.withStatus(TicketStatus.OPEN, at).withResolution(null, t.rootCause()) : t);
            case CSAT_RECEIVED -> ApplyResult.applied(t.withCsat(e.score()));
            case INTERNAL_NOTE, RCA_PUBLISHED, REFUND_REQUESTED, REFUND_DECIDED -> ApplyResult.applied(t);
        };
    }

    private static Ticket open(TicketEvent e) {
        Instant at = e.occurredAt();
        SupportTier tier = e.tier() == null ? SupportTier.L1 : e.tier();
        return new Ticket(e.ticketId(), TicketStatus.OPEN, at, e.severity(), at, tier, at, null, null,
                e.customer(), e.team(), e.channel(), at, at, null, null, 0, 0, 0, 0, 0, null, null, null, 1, 0);
    }

    private static Ticket status(Ticket t, TicketStatus status, Instant at) {
        Ticket next = t.withStatus(status, at);
        if (status.isTerminal() && t.resolvedAt() == null) {
            return next.withResolution(at, t.rootCause());
        }
        return status.isTerminal() ? next : next.withResolution(null, t.rootCause());
    }

    private static Ticket escalate(Ticket t, SupportTier toTier, Instant at) {
        Ticket counted = t.withEscalations(t.escalations() + 1);
        if (!newer(at, t.tierAt()) || toTier == t.tier()) {
            return counted;
        }
        return counted.withTier(toTier, at, t.tierMoves() + 1);
    }

    private static boolean newer(Instant at, Instant fieldAt) {
        return fieldAt == null || !at.isBefore(fieldAt);
    }

    private static boolean isAfter(Instant at, Instant other) {
        return other == null || at.isAfter(other);
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
