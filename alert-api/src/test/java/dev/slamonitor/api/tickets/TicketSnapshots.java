package dev.slamonitor.api.tickets;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Customer;
import dev.slamonitor.state.AckView;
import dev.slamonitor.state.AlertSummary;
import dev.slamonitor.state.ClockCycleView;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.SlaEventView;
import dev.slamonitor.state.TicketSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Random snapshots and alerts covering every field, null and empty lists, and instants with nanoseconds. */
final class TicketSnapshots {

    static final Instant BASE = Instant.parse("2026-11-23T09:00:00Z");
    private static final String[] STATUS = {"open", "pending_customer", "on_hold", "solved", "closed"};
    private static final String[] SEVERITY = {"critical", "high", "medium", "low"};
    private static final String[] TIER = {"L1", "L2", "L3", "management"};
    private static final String[] TEAM = {"payments", "platform", "cx-operations", "équipe-été"};
    private static final String[] CLOCK = {"first_response", "resolution", "next_reply", "handoff_ack"};
    private static final String[] CLOCK_STATE = {"RUNNING", "RUNNING", "PAUSED", "SATISFIED", "BREACHED", "STOPPED"};

    private final Random random;

    TicketSnapshots(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    TicketSnapshot snapshot(String ticketId, Instant now) {
        return new TicketSnapshot(ticketId, pick(STATUS), orNull(SEVERITY), orNull(TIER), maybe(() -> "agent-" + random.nextInt(20)),
                maybe(() -> new Customer("C-" + random.nextInt(30), maybe(() -> "vip"), random.nextBoolean() ? null : random.nextBoolean(),
                        maybe(() -> "Europe/Paris"))),
                orNull(TEAM), maybe(() -> "email"), instant(now), instant(now), instant(now), instant(now), random.nextInt(10),
                random.nextInt(10), random.nextInt(4), random.nextInt(3), random.nextInt(5) == 0 ? instant(now) : null,
                maybe(() -> "billing/double-charge"), random.nextBoolean() ? null : random.nextInt(5) + 1,
                random.nextInt(1000), maybe(() -> "default"), random.nextBoolean() ? null : random.nextInt(9),
                list(() -> clock(now), 3), list(() -> new AlertSummary("A-" + random.nextLong(), "BREACH", pick(CLOCK),
                        maybe(() -> "tier_time_limit"), random.nextInt(3), instant(now), random.nextBoolean()), 2),
                list(() -> new AckView("A-" + random.nextInt(100), maybe(() -> "ops"), maybe(() -> "on it \u2713 \"quoted\""),
                        instant(now)), 2),
                instant(now),
                list(() -> new ClockCycleView(pick(CLOCK), random.nextInt(3) + 1, pick(TIER), "24x7", instant(now), instant(now),
                        random.nextInt(10_000_000), random.nextInt(10_000_000) - 1000, random.nextInt(100_000), pick(new String[]{"met", "stopped", "breached"}),
                        random.nextBoolean(), instant(now)), 3),
                list(() -> new SlaEventView(pick(CLOCK), random.nextInt(3) + 1, pick(new String[]{"activate", "pause", "breach"}),
                        instant(now), random.nextBoolean() ? null : (long) random.nextInt(10_000_000)), 4));
    }

    private ClockView clock(Instant now) {
        Instant started = instant(now);
        return new ClockView(pick(CLOCK), pick(CLOCK_STATE), started == null ? now : started, instant(now), instant(now), random.nextInt(10_000_000),
                random.nextInt(10_000_000), maybe(() -> "business-hours"), random.nextBoolean() ? null : random.nextInt(3) + 1,
                random.nextInt(3) == 0 ? instant(now) : null, random.nextBoolean() ? null : (long) random.nextInt(100_000));
    }

    Alert alert(String ticketId, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            details.put("count", random.nextInt(10));
            details.put("amount", new BigDecimal("12.50"));
            details.put("note", "x");
        }
        AlertType type = AlertType.values()[random.nextInt(4)];
        Alert a = new Alert(Alert.idOf(type, ticketId, random.nextInt(6)), type, ticketId, null, random.nextInt(4) == 0 ? null : pick(CLOCK),
                instant(now), instant(now), random.nextInt(3), pick(SEVERITY), pick(TIER), pick(TEAM), "C-1", "alice",
                "tier_time_limit", type + " on " + ticketId, "default", 1, details);
        return random.nextInt(5) == 0 ? a.resolved("clock_satisfied", now, "ended") : a;
    }

    /** Around {@code now} (hours either side), null one time in six, with nanos, millis or whole seconds. */
    Instant instant(Instant now) {
        if (random.nextInt(6) == 0) {
            return null;
        }
        Instant t = now.plusSeconds(random.nextInt(4 * 3600) - 2 * 3600);
        return switch (random.nextInt(3)) {
            case 0 -> t;
            case 1 -> t.plusMillis(random.nextInt(1000));
            default -> t.plusNanos(random.nextInt(1_000_000_000));
        };
    }

    String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String orNull(String[] values) {
        return random.nextInt(8) == 0 ? null : pick(values);
    }

    private <T> T maybe(Supplier<T> value) {
        return random.nextInt(5) == 0 ? null : value.get();
    }

    private <T> List<T> list(Supplier<T> element, int max) {
        int n = random.nextInt(8);
        if (n == 0) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < Math.min(max, n - 1); i++) {
            out.add(element.get());
        }
        return out;
    }
}
