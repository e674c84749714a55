package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.processor.ingest.Rejection;
import dev.slamonitor.state.TicketSnapshot;

/** What the ticket processor emits; exactly one field is set, and it decides the output topic. */
public record TicketOutput(TicketSnapshot snapshot, Alert alert, Rejection rejection) {

    static TicketOutput of(TicketSnapshot snapshot) {
        return new TicketOutput(snapshot, null, null);
    }

    static TicketOutput of(Alert alert) {
        return new TicketOutput(null, alert, null);
    }

    static TicketOutput of(Rejection rejection) {
        return new TicketOutput(null, null, rejection);
    }
}
