package dev.slamonitor.processor.metrics;

/** Names of the business-metrics feature's state stores (also the names of their changelog topics). */
public final class MetricsStores {

    /** ticketId -> {@link dev.slamonitor.processor.metrics.domain.TicketFacts}. */
    public static final String TICKET_FACTS = "metrics-ticket-facts";
    /** Expiry deadlines of ticket facts ({@link dev.slamonitor.processor.kernel.DeadlineIndex}). */
    public static final String TICKET_EXPIRY = "metrics-ticket-expiry";

    private MetricsStores() {
    }
}
