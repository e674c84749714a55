package dev.slamonitor.processor.knowledge.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the knowledge loop remembers about one ticket (its own store, independent of the SLA
 * feature's). Immutable; {@link KnowledgeTicketApplier} returns a new value per event.
 *
 * <p>Invariants: {@code rcaDueAt} is set exactly while the ticket was escalated, is resolved and has
 * no RCA published; {@code rcaOverdueAlerted} and {@code pingPongAlerted} make those alerts fire at
 * most once (per resolution for RCA); {@code recentEventIds} holds the last
 * {@link KnowledgeTicketApplier#REMEMBERED_EVENT_IDS} event ids applied, for de-duplication;
 * {@code forgetAt} (wall clock) is set exactly while the ticket is finished ({@link KnowledgeRetention})
 * and is when its state is deleted unless an event arrives first.
 */
public record KnowledgeTicket(
        String ticketId,
        String severity,
        String team,
        String customerId,
        String tier,
        Instant tierAt,
        boolean escalated,
        int tierMoves,
        boolean pingPongAlerted,
        Instant resolvedAt,
        Instant reopenedAt,
        String rootCause,
        Instant rcaPublishedAt,
        Instant rcaDueAt,
        boolean rcaOverdueAlerted,
        List<String> recentEventIds,
        Instant forgetAt) {

    static KnowledgeTicket empty(String ticketId) {
        return new KnowledgeTicket(ticketId, null, null, null, "L1", null, false, 0, false, null, null, null, null,
                null, false, List.of(), null);
    }
}
