package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.processor.sla.domain.ClockCycle;
import dev.slamonitor.processor.sla.domain.ClockKind;
import dev.slamonitor.processor.sla.domain.ClockState;
import dev.slamonitor.processor.sla.domain.HandoffNote;
import dev.slamonitor.processor.sla.domain.RaisedAlert;
import dev.slamonitor.processor.sla.domain.SeenEvents;
import dev.slamonitor.processor.sla.domain.SlaClock;
import dev.slamonitor.processor.sla.domain.SlaEvent;
import dev.slamonitor.processor.sla.domain.SlaHistory;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import dev.slamonitor.state.AckView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random {@link TrackedTicket}s over the whole value space of each field: nulls wherever a field may
 * be null, instants with and without sub-millisecond parts (and far from now), extreme numbers,
 * empty and non-ASCII strings, empty and long lists. Deterministic for a seed.
 */
final class TrackedTicketGenerator {

    private static final String[] WORDS = {"", "a", "payments", "Europe/Berlin", "L2 Zürich", "日本語", "emoji 🚀",
            "quote \" and \\ backslash", "line\nbreak", "x".repeat(300)};

    private final Random random;

    TrackedTicketGenerator(long seed) {
        this.random = new Random(seed);
    }

    TrackedTicket next() {
        return new TrackedTicket(random.nextInt(20) == 0 ? null : ticket(), random.nextInt(20) == 0 ? null : sla(), seen());
    }

    private Ticket ticket() {
        return new Ticket(string(), pick(TicketStatus.values()), instant(), pick(Severity.values()), instant(),
                pick(SupportTier.values()), instant(), string(), instant(), customer(), string(), string(), instant(),
                instant(), instant(), instant(), integer(), integer(), integer(), integer(), integer(), instant(), string(),
                random.nextBoolean() ? null : integer(), longValue(), longValue());
    }

    private Customer customer() {
        if (random.nextInt(10) == 0) {
            return null;
        }
        Boolean vip = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> Boolean.FALSE;
            default -> Boolean.TRUE;
        };
        return new Customer(string(), string(), vip, string());
    }

    private SlaState sla() {
        Map<ClockKind, SlaClock> clocks = null;
        if (random.nextInt(10) != 0) {
            clocks = new LinkedHashMap<>();
            for (ClockKind kind : ClockKind.values()) {
                if (random.nextBoolean()) {
                    clocks.put(kind, new SlaClock(kind, pick(ClockState.values()), integer(), pick(SupportTier.values()),
                            string(), longValue(), instant(), instant(), longValue(), instant(), instant(),
                            random.nextBoolean(), instant(), longValue()));
                }
            }
        }
        List<RaisedAlert> alerts = list(() -> new RaisedAlert(string(), pick(AlertType.values()), string(), string(), integer(),
                instant(), instant(), string(), string(), string(), random.nextBoolean(), instant(), integer(), instant()));
        List<AckView> acks = list(() -> new AckView(string(), string(), string(), instant()));
        HandoffNote handoff = random.nextInt(3) == 0 ? null : new HandoffNote(instant(), pick(SupportTier.values()),
                pick(SupportTier.values()), string(), list(this::nonNullString), string(), string(), string());
        SlaHistory history = random.nextInt(10) == 0 ? null : new SlaHistory(
                nonNullList(() -> new ClockCycle(string(), integer(), string(), string(), instant(), instant(), longValue(),
                        longValue(), longValue(), string(), instant())),
                nonNullList(() -> new SlaEvent(string(), integer(), string(), instant(),
                        random.nextBoolean() ? null : longValue())));
        return new SlaState(string(), integer(), clocks, alerts, acks, handoff, instant(), instant(), history);
    }

    private SeenEvents seen() {
        if (random.nextInt(10) == 0) {
            return null;
        }
        int n = random.nextInt(12);
        List<String> ids = new ArrayList<>();
        long[] at = new long[n];
        long t = random.nextBoolean() ? longValue() : 1_764_000_000_000L;
        for (int i = 0; i < n; i++) {
            ids.add(nonNullString());
            t += random.nextInt(3) == 0 ? longValue() : random.nextInt(100_000);
            at[i] = t;
        }
        return new SeenEvents(ids, at);
    }

    private <T> List<T> list(java.util.function.Supplier<T> element) {
        return random.nextInt(8) == 0 ? null : nonNullList(element);
    }

    private <T> List<T> nonNullList(java.util.function.Supplier<T> element) {
        int n = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 60 : 6);
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(element.get());
        }
        return list;
    }

    private <E> E pick(E[] values) {
        return random.nextInt(8) == 0 ? null : values[random.nextInt(values.length)];
    }

    private String string() {
        return random.nextInt(5) == 0 ? null : nonNullString();
    }

    private String nonNullString() {
        return random.nextBoolean() ? WORDS[random.nextInt(WORDS.length)] : "id-" + Long.toHexString(random.nextLong());
    }

    private int integer() {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Integer.MIN_VALUE;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> -random.nextInt(1000);
            default -> random.nextInt(1000);
        };
    }

    private long longValue() {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> Long.MIN_VALUE;
            case 2 -> Long.MAX_VALUE;
            case 3 -> random.nextLong();
            default -> random.nextInt(100_000_000);
        };
    }

    private Instant instant() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> null;
            case 2 -> Instant.ofEpochSecond(1_764_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
            case 3 -> Instant.ofEpochSecond(random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                    random.nextInt(1_000) * 1_000_000);
            case 4 -> random.nextBoolean() ? Instant.MIN : Instant.MAX;
            case 5 -> Instant.ofEpochMilli(-random.nextInt(1_000_000_000));
            default -> Instant.ofEpochMilli(1_764_000_000_000L + random.nextInt(1_000_000_000));
        };
    }
}
