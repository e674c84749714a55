package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.DeadlineIndex.Priority;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tickets of one task and their single timer each: one {@link TrackedTicket} value per ticket in
 * {@code sla-ticket-state} and one {@link DeadlineIndex} entry at its state's {@code wakeAt}. Every
 * write of a ticket moves its timer in the same step, so the two never drift apart (the index stays a
 * hint; the state is the truth).
 */
final class TicketStateStore {

    private final KeyValueStore<String, TrackedTicket> tickets;
    private final DeadlineIndex deadlines;

    TicketStateStore(KeyValueStore<String, TrackedTicket> tickets, DeadlineIndex deadlines) {
        this.tickets = tickets;
        this.deadlines = deadlines;
    }

    TrackedTicket get(String ticketId) {
        return tickets.get(ticketId);
    }

    KeyValueStore<String, TrackedTicket> all() {
        return tickets;
    }

    DeadlineIndex deadlines() {
        return deadlines;
    }

    /**
     * Stores the ticket with its new SLA state and moves the ticket's timer to its new wake-up.
     *
     * @param previous       the SLA state before (null for a new ticket), whose wake-up the index holds
     * @param indexEntryLive false when the old entry was already taken out of the index by the punctuation
     */
    void put(String ticketId, SlaState previous, TrackedTicket next, boolean indexEntryLive) {
        tickets.put(ticketId, next);
        Instant oldWake = previous == null ? null : previous.wakeAt();
        Instant newWake = next.sla().wakeAt();
        Priority oldPriority = oldWake == null ? null : priorityOf(previous);
        Priority newPriority = newWake == null ? null : priorityOf(next.sla());
        boolean same = oldWake != null && oldWake.equals(newWake) && oldPriority == newPriority;
        if (oldWake != null && indexEntryLive && !same) {
            deadlines.cancel(ticketId, Math.max(0, oldWake.toEpochMilli()), oldPriority);
        }
        if (newWake != null && (!indexEntryLive || !same)) {
            deadlines.schedule(ticketId, Math.max(0, newWake.toEpochMilli()), newPriority);
        }
    }

    /** Deletes a ticket whose timer entry the punctuation already took out. */
    void delete(String ticketId) {
        tickets.delete(ticketId);
    }

    /** Breaches and escalations go before warnings, re-notifications and retention when many fall due at once. */
    private static Priority priorityOf(SlaState state) {
        return state.wakesForDeadline() ? Priority.HIGH : Priority.NORMAL;
    }
}
