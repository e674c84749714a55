package dev.slamonitor.harness;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The seeded, deterministic workload: tickets of known kinds opened at a fixed rate, each with its
 * planned events (offsets from its opening) and the producer that publishes it. The same seed gives
 * the same tickets, kinds, producers and event ids.
 */
final class Workload {

    /** What happens to a ticket; the oracle derives its alerts from this alone. */
    enum Kind {
        /** Agent replies 5 s after opening: no alert. */
        ANSWERED,
        /** Agent replies 25 s after opening, after the 20 s deadline: warning, breach, two re-notifications. */
        ANSWERED_LATE,
        /** Pending customer from 5 s to 25 s (clock paused), reply at 30 s, before the moved deadline (40 s): no alert. */
        PAUSED,
        /** Nothing after opening (opening published twice): warning, breach, two re-notifications. */
        SILENT,
        /** Nothing after opening; the breach is acknowledged through the alert API when seen: warning, breach. */
        ACKED,
        /** Like ANSWERED with every event published twice (same eventId): no alert. */
        DUPLICATED
    }

    /** Which client publishes a ticket's events. */
    enum Via { JAVA_MURMUR2, CRC32 }

    record Planned(Instant at, TicketEvent event, Via via) {
    }

    record Ticket(String id, Kind kind, Instant openedAt, Via via) {
    }

    private final List<Ticket> tickets = new ArrayList<>();
    private final List<Planned> events = new ArrayList<>();

    Workload(long seed, Instant start, Duration length, double ticketsPerSecond) {
        Random random = new Random(seed);
        Kind[] kinds = Kind.values();
        int count = (int) (length.toMillis() / 1000.0 * ticketsPerSecond);
        for (int n = 0; n < count; n++) {
            Kind kind = kinds[random.nextInt(kinds.length)];
            Via via = random.nextBoolean() ? Via.JAVA_MURMUR2 : Via.CRC32;
            Instant t0 = start.plusMillis((long) (n * 1000 / ticketsPerSecond));
            String id = "H-" + seed + "-" + n + "-" + kind.name(); // the kind in the id makes a report line readable
            tickets.add(new Ticket(id, kind, t0, via));
            plan(id, kind, t0, via);
        }
        events.sort(Comparator.comparing(Planned::at));
    }

    private void plan(String id, Kind kind, Instant t0, Via via) {
        TicketEvent opened = TicketEvent.builder(EventType.TICKET_OPENED, id + "-open", id, t0).severity(Severity.HIGH)
                .customer(new Customer("C-" + id, "business", false, "UTC")).team("harness").channel("email")
                .tier(SupportTier.L1).build();
        add(t0, opened, via);
        switch (kind) {
            case ANSWERED -> add(t0.plusSeconds(5), reply(id, t0.plusSeconds(5)), via);
            case ANSWERED_LATE -> add(t0.plusSeconds(25), reply(id, t0.plusSeconds(25)), via);
            case PAUSED -> {
                add(t0.plusSeconds(5), status(id, TicketStatus.PENDING_CUSTOMER, t0.plusSeconds(5)), via);
                add(t0.plusSeconds(25), status(id, TicketStatus.OPEN, t0.plusSeconds(25)), via);
                add(t0.plusSeconds(30), reply(id, t0.plusSeconds(30)), via);
            }
            case SILENT -> add(t0.plusSeconds(3), opened, via);
            case ACKED -> {
            }
            case DUPLICATED -> {
                add(t0.plusMillis(200), opened, via);
                TicketEvent reply = reply(id, t0.plusSeconds(5));
                add(t0.plusSeconds(5), reply, via);
                add(t0.plusSeconds(6), reply, via);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void add(Instant at, TicketEvent event, Via via) {
        events.add(new Planned(at, event, via));
    }

    private static TicketEvent reply(String id, Instant at) {
        return TicketEvent.builder(EventType.AGENT_REPLIED, id + "-reply-" + at.toEpochMilli(), id, at).build();
    }

    private static TicketEvent status(String id, TicketStatus status, Instant at) {
        return TicketEvent.builder(EventType.STATUS_CHANGED, id + "-status-" + status.name(), id, at).status(status).build();
    }

    List<Ticket> tickets() {
        return tickets;
    }

    List<Planned> events() {
        return events;
    }
}
