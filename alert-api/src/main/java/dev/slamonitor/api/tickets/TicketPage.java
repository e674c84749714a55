package dev.slamonitor.api.tickets;

import java.util.List;

/** One page of a list query; {@code nextAfter} is the last ticketId returned when more may follow. */
public record TicketPage(List<Entry> items, String nextAfter) {

    /** A listed ticket with the states it was selected by. */
    public record Entry(dev.slamonitor.state.TicketSnapshot snapshot, java.util.Set<TicketState> states) {
    }
}
