package dev.slamonitor.processor.metrics.domain;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The pure rules behind the business meters: given what is known about a ticket and its next event,
 * the ticket's new facts and what to count. No Kafka, no Micrometer.
 *
 * <p>Rules: an event for a ticket never opened counts nothing (the SLA feature dead-letters it); an
 * event already counted (same eventId) counts nothing; time to escalate is event time from opening
 * to the first escalation, never negative; CSAT counts for escalated tickets only; severity and
 * tier follow SEVERITY_CHANGED and ESCALATED so that later counts carry the current values; an
 * escalation of a ticket that was resolved before (and reopened) also counts as a re-escalation.
 */
public final class TicketMetricsRules {

    /** The event types that change facts or meters; every other type is ignored cheaply. */
    public static final Set<EventType> RELEVANT = Set.of(EventType.TICKET_OPENED, EventType.SEVERITY_CHANGED,
            EventType.ESCALATED, EventType.RESOLVED, EventType.CSAT_RECEIVED);

    private TicketMetricsRules() {
    }

    /** The outcome of one event: the facts to store (null: nothing to store) and what to count. */
    public record Step(TicketFacts facts, List<Observation> observations) {
        static final Step NOTHING = new Step(null, List.of());

        public boolean changed() {
            return facts != null;
        }
    }

    public static Step apply(TicketFacts known, TicketEvent event) {
        if (!RELEVANT.contains(event.type())) {
            return Step.NOTHING;
        }
        if (event.type() == EventType.TICKET_OPENED) {
            return opened(known, event);
        }
        if (known == null || known.counted(event.eventId())) {
            return Step.NOTHING;
        }
        return switch (event.type()) {
            case SEVERITY_CHANGED -> new Step(known.with(event.severity(), known.tier(), known.escalated(),
                    event.eventId()), List.of());
            case ESCALATED -> escalated(known, event);
            case RESOLVED -> new Step(known.with(known.severity(), known.tier(), known.escalated(), event.eventId()).resolvedNow(),
                    List.of(new Observation.Resolved(known.severity(), known.tier())));
            case CSAT_RECEIVED -> new Step(known.with(known.severity(), known.tier(), known.escalated(), event.eventId()),
                    known.escalated() && event.score() != null ? List.of(new Observation.EscalatedCsat(event.score()))
                            : List.of());
            default -> Step.NOTHING;
        };
    }

    private static Step opened(TicketFacts known, TicketEvent event) {
        if (known != null) {
            return Step.NOTHING; // a re-published or second opening: the SLA feature refuses the latter
        }
        SupportTier tier = event.tier() == null ? SupportTier.L1 : event.tier();
        TicketFacts facts = new TicketFacts(event.occurredAt(), event.severity(), tier, false, Set.of(event.eventId()), false);
        return new Step(facts, List.of(new Observation.Opened(event.severity())));
    }

    private static Step escalated(TicketFacts known, TicketEvent event) {
        SupportTier from = event.fromTier() == null ? known.tier() : event.fromTier();
        boolean first = !known.escalated();
        Duration sinceOpened = Duration.between(known.openedAt(), event.occurredAt());
        if (sinceOpened.isNegative()) {
            sinceOpened = Duration.ZERO;
        }
        Observation.Escalated escalation = new Observation.Escalated(known.severity(), from, event.toTier(), first, sinceOpened);
        return new Step(known.with(known.severity(), event.toTier(), true, event.eventId()),
                known.resolved() ? List.of(escalation, new Observation.Reescalated(known.severity())) : List.of(escalation));
    }
}
