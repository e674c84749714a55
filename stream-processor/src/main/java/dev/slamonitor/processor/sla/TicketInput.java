package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.event.TicketEvent;

/**
 * What the ticket processor consumes: a valid ticket event, or a well-formed alert acknowledgement
 * (with its original bytes, for a dead letter if it names no alert of the ticket). Exactly one of
 * {@code event} and {@code ack} is set.
 */
public record TicketInput(TicketEvent event, AlertAck ack, byte[] raw) {

    static TicketInput ofEvent(TicketEvent event) {
        return new TicketInput(event, null, null);
    }

    static TicketInput ofAck(AlertAck ack, byte[] raw) {
        return new TicketInput(null, ack, raw);
    }
}
