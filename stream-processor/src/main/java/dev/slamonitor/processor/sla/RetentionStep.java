package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import java.time.Instant;

/**
 * The end of a finished ticket's retention: a finished ticket with nothing pending wakes up when its
 * retention ends ({@link dev.slamonitor.processor.sla.domain.TicketRetention}, decided by the engine);
 * if it is still finished and untouched then, its value is deleted, a tombstone goes to the state
 * topic and {@code slamon.tickets.forgotten} counts it. A later event for it is refused like one for
 * an unknown ticket (TICKET_NOT_OPENED).
 */
final class RetentionStep {

    private final SlaSettings settings;
    private final TicketStateStore store;
    private final TicketOutputs outputs;

    RetentionStep(SlaSettings settings, TicketStateStore store, TicketOutputs outputs) {
        this.settings = settings;
        this.store = store;
        this.outputs = outputs;
    }

    /** @return true if the ticket was forgotten (its timer entry is already out of the index) */
    boolean forgetIfExpired(String ticketId, TrackedTicket tracked, Instant until, long timestamp) {
        if (!SlaEngine.isExpired(tracked.sla(), tracked.ticket(), settings.retention(), until)) {
            return false;
        }
        store.delete(ticketId);
        outputs.tombstone(ticketId, timestamp);
        return true;
    }
}
