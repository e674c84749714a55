package dev.slamonitor.processor.sla.domain;

/**
 * Everything the SLA feature keeps about one ticket, stored as one value: the ticket's facts, its SLA
 * state (clocks, alerts, acknowledgements, wake-up) and the ids of the events already applied. One
 * value means one store read, one store write and one changelog record per event.
 *
 * <p>Invariant: {@code sla} is never null once a ticket is tracked (the opening event creates it).
 */
public record TrackedTicket(Ticket ticket, SlaState sla, SeenEvents seen) {

    public TrackedTicket {
        if (seen == null) {
            seen = SeenEvents.NONE;
        }
    }

    public TrackedTicket withSla(SlaState next) {
        return new TrackedTicket(ticket, next, seen);
    }
}
