package dev.slamonitor.processor.sla.model;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EscalationType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Seeded generator of ticket histories for the property tests: random event types and orders, late
 * and duplicate deliveries, pauses, severity and tier changes, resolution and reopen, handoff
 * acknowledgements and alert acks, for customers in several zones, starting around DST changes and
 * holidays. Everything is on whole minutes (the model's unit). The same seed gives the same batch.
 *
 * <p>A batch also fixes the wall-clock instants at which timers are checked: every delivery's
 * instant plus random steps of 1 to 90 minutes in between, the same for every runner.
 */
public final class HistoryGenerator {

    /** A batch of histories sharing one wall-clock timeline. */
    public record Batch(long seed, List<History> histories, List<Instant> punctuations, Instant start, Instant end) {
    }

    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Sydney"), ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"));
    /** DST changes (EU, US, AU) and holidays of the property policy's calendars. */
    static final List<LocalDate> ANCHORS = List.of(LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-29"),
            LocalDate.parse("2026-03-30"), LocalDate.parse("2026-04-05"), LocalDate.parse("2026-10-04"),
            LocalDate.parse("2026-10-25"), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-26"),
            LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-26"), LocalDate.parse("2026-12-31"),
            LocalDate.parse("2026-06-17"));

    private final Random random;
    private final long seed;

    public HistoryGenerator(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public Batch batch(int count, int firstIndex) {
        List<History> histories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            histories.add(history(firstIndex + i));
        }
        TreeSet<Instant> walls = new TreeSet<>();
        histories.forEach(h -> h.steps().forEach(s -> walls.add(s.wall())));
        histories.forEach(h -> walls.add(h.end()));
        Instant start = walls.first();
        Instant end = walls.last();
        List<Instant> punctuations = new ArrayList<>();
        Instant t = start;
        for (Instant next : walls) {
            // between histories (no ticket live) the wall clock jumps: punctuations there could fire nothing compared
            Instant from = t;
            if (histories.stream().noneMatch(h -> h.start().isBefore(next) && h.end().isAfter(from))) {
                t = next;
                punctuations.add(t);
                continue;
            }
            while (t.isBefore(next)) {
                Instant step = t.plus(Duration.ofMinutes(1 + random.nextInt(120)));
                t = step.isAfter(next) ? next : step;
                punctuations.add(t);
            }
        }
        return new Batch(seed, histories, punctuations, start, end);
    }

    private History history(int index) {
        String ticketId = "P-" + seed + "-" + index;
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        LocalDate anchor = ANCHORS.get(random.nextInt(ANCHORS.size()));
        Instant t0 = anchor.atStartOfDay(zone).toInstant().minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        t0 = Instant.ofEpochSecond(t0.getEpochSecond() / 60 * 60);
        Severity severity = pick(Severity.values());
        SupportTier tier = random.nextInt(5) == 0 ? SupportTier.L2 : SupportTier.L1;
        List<History.Step> steps = new ArrayList<>();
        List<Long> order = new ArrayList<>();
        int seq = 0;
        TicketEvent open = TicketEvent.builder(EventType.TICKET_OPENED, ticketId + "-e0", ticketId, t0).severity(severity)
                .customer(new Customer("C-" + index, "business", false, zone.getId())).team("payments").channel("email")
                .tier(tier).build();
        steps.add(new History.Step(t0, open, -1));
        order.add((long) seq++);
        int events = 3 + random.nextInt(16);
        Instant at = t0;
        SupportTier currentTier = tier;
        for (int j = 1; j <= events; j++) {
            at = at.plus(Duration.ofMinutes(random.nextInt(10) == 0 ? random.nextInt(2 * 24 * 60) : random.nextInt(240)));
            String id = ticketId + "-e" + j;
            int roll = random.nextInt(100);
            TicketEvent e;
            if (roll < 20) {
                e = TicketEvent.builder(EventType.AGENT_REPLIED, id, ticketId, at).build();
            } else if (roll < 26) {
                e = TicketEvent.builder(EventType.CUSTOMER_REPLIED, id, ticketId, at).build();
            } else if (roll < 29) {
                e = TicketEvent.builder(EventType.INTERNAL_NOTE, id, ticketId, at).build();
            } else if (roll < 47) {
                TicketStatus s = pick(new TicketStatus[]{TicketStatus.PENDING_CUSTOMER, TicketStatus.ON_HOLD, TicketStatus.OPEN,
                        TicketStatus.OPEN});
                e = TicketEvent.builder(EventType.STATUS_CHANGED, id, ticketId, at).status(s).build();
            } else if (roll < 57) {
                e = TicketEvent.builder(EventType.SEVERITY_CHANGED, id, ticketId, at).severity(pick(Severity.values())).build();
            } else if (roll < 67) {
                SupportTier to = random.nextInt(4) == 0 ? pick(SupportTier.values()) : currentTier.next().orElse(SupportTier.L1);
                e = TicketEvent.builder(EventType.ESCALATED, id, ticketId, at).fromTier(currentTier).toTier(to)
                        .escalationType(EscalationType.FUNCTIONAL).build();
                currentTier = to;
            } else if (roll < 74) {
                e = TicketEvent.builder(EventType.ACKNOWLEDGED, id, ticketId, at).owner("agent-" + random.nextInt(3)).build();
            } else if (roll < 80) {
                e = TicketEvent.builder(EventType.RESOLVED, id, ticketId, at).rootCause("billing").build();
            } else if (roll < 85) {
                e = TicketEvent.builder(EventType.REOPENED, id, ticketId, at).build();
            } else if (roll < 88) {
                e = TicketEvent.builder(EventType.STATUS_CHANGED, id, ticketId, at)
                        .status(random.nextBoolean() ? TicketStatus.SOLVED : TicketStatus.CLOSED).build();
            } else {
                // an alert ack, some time after this point
                Instant ackAt = at.plus(Duration.ofMinutes(random.nextInt(120)));
                steps.add(new History.Step(ackAt, null, random.nextInt(4)));
                order.add((long) seq++);
                continue;
            }
            boolean late = random.nextInt(4) == 0;
            Instant arrival = late ? at.plus(Duration.ofMinutes(1 + random.nextInt(180))) : at;
            steps.add(new History.Step(arrival, e, -1));
            order.add((long) seq++);
            if (random.nextInt(12) == 0) {
                steps.add(new History.Step(arrival.plus(Duration.ofMinutes(random.nextInt(120))), e, -1));
                order.add((long) seq++);
            }
        }
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            idx.add(k);
        }
        idx.sort(Comparator.comparing((Integer k) -> steps.get(k).wall()).thenComparing(order::get));
        List<History.Step> sorted = idx.stream().map(steps::get).toList();
        Instant last = sorted.get(sorted.size() - 1).wall();
        Instant end = last.plus(Duration.ofMinutes(random.nextInt(24 * 60)));
        return new History(index, ticketId, zone, sorted, end);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
