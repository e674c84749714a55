package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.state.TicketSnapshot;

/**
 * What the ticket processor emits; exactly one field is set (or {@code forgotten} alone: a tombstone
 * for the state topic), and it decides the output topic.
 */
public record TicketOutput(TicketSnapshot snapshot, Alert alert, Rejection rejection, boolean forgotten) {

    static TicketOutput of(TicketSnapshot snapshot) {
        return new TicketOutput(snapshot, null, null, false);
    }

    static TicketOutput of(Alert alert) {
        return new TicketOutput(null, alert, null, false);
    }

    static TicketOutput of(Rejection rejection) {
        return new TicketOutput(null, null, rejection, false);
    }

    /** The ticket was forgotten: a null value on the state topic removes it (compaction, live views). */
    static TicketOutput tombstone() {
        return new TicketOutput(null, null, null, true);
    }

    /** Goes to the state topic: a snapshot, or a tombstone (null snapshot). */
    boolean isStateRecord() {
        return snapshot != null || forgotten;
    }
}
