package dev.slamonitor.processor;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders for ticket events in tests; every event gets a fresh eventId unless one is given. */
public final class TestEvents {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestEvents() {
    }

    public static TicketEvent.Builder event(EventType type, String ticketId, Instant at) {
        return TicketEvent.builder(type, "ev-" + SEQ.incrementAndGet(), ticketId, at);
    }

    public static TicketEvent opened(String ticketId, Severity severity, Instant at) {
        return event(EventType.TICKET_OPENED, ticketId, at).severity(severity)
                .customer(new Customer("C-" + ticketId, "business", false, "UTC"))
                .team("payments").channel("email").tier(SupportTier.L1).build();
    }

    public static TicketEvent simple(EventType type, String ticketId, Instant at) {
        return event(type, ticketId, at).build();
    }
}
