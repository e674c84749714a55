package dev.slamonitor.processor.sla.topology;

/** Names of the SLA feature's state stores (also the names of their changelog topics). */
public final class SlaStores {

    /** ticketId -> ticket facts and clocks. */
    public static final String TICKETS = "sla-tickets";
    /** eventId -> seen, windowed by stream time, for de-duplication. */
    public static final String EVENT_IDS = "sla-event-ids";

    private SlaStores() {
    }
}
