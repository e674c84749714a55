package dev.slamonitor.processor.metrics.domain;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import java.time.Instant;
import java.util.Set;

/**
 * What the business metrics remember about one ticket: when it opened (event time), its current
 * severity and tier, whether it was ever escalated, whether it was ever resolved, and the ids of the
 * events already counted.
 *
 * <p>Invariants: {@code countedEventIds} holds only events of the types that move a meter (at most a
 * handful per ticket), so a re-published event is never counted twice; {@code escalated} and
 * {@code resolved} never go back to false (facts stored before {@code resolved} existed read as false).
 */
public record TicketFacts(Instant openedAt, Severity severity, SupportTier tier, boolean escalated,
                          Set<String> countedEventIds, boolean resolved) {

    public TicketFacts {
        countedEventIds = Set.copyOf(countedEventIds);
    }

    boolean counted(String eventId) {
        return countedEventIds.contains(eventId);
    }

    TicketFacts with(Severity newSeverity, SupportTier newTier, boolean newEscalated, String countedEventId) {
        java.util.Set<String> ids = new java.util.HashSet<>(countedEventIds);
        ids.add(countedEventId);
        return new TicketFacts(openedAt, newSeverity, newTier, newEscalated, ids, resolved);
    }

    TicketFacts resolvedNow() {
        return new TicketFacts(openedAt, severity, tier, escalated, countedEventIds, true);
    }
}
