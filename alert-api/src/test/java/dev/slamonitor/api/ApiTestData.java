package dev.slamonitor.api;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Customer;
import dev.slamonitor.state.AckView;
import dev.slamonitor.state.AlertSummary;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Snapshots and alerts for API tests, shaped like the processor's. */
public final class ApiTestData {

    private ApiTestData() {
    }

    public static TicketSnapshot snapshot(String ticketId, String severity, String tier, String team, List<ClockView> clocks) {
        return snapshot(ticketId, severity, tier, team, clocks, List.of(), List.of());
    }

    public static TicketSnapshot snapshot(String ticketId, String severity, String tier, String team, List<ClockView> clocks,
                                          List<AlertSummary> alerts, List<AckView> acks) {
        Instant opened = Instant.parse("2026-11-23T09:00:00Z");
        return new TicketSnapshot(ticketId, "open", severity, tier, null, new Customer("C-" + ticketId, "business", false, "UTC"),
                team, "email", opened, opened, null, opened, 0, 1, 1, tier.equals("L1") ? 0 : 1, null, null, null, 1,
                "default", 1, clocks, alerts, acks, Instant.now());
    }

    /** A running clock whose deadline is {@code untilDeadline} from now and warning point {@code untilWarn} from now. */
    public static ClockView running(String name, Duration untilWarn, Duration untilDeadline) {
        Instant now = Instant.now();
        return new ClockView(name, "RUNNING", now.minus(Duration.ofHours(1)), now.plus(untilDeadline), now.plus(untilWarn),
                Duration.ofHours(2).toMillis(), 0, "24x7");
    }

    public static Alert alert(AlertType type, String ticketId, String severity, String tier, String team) {
        return alert(type, ticketId, severity, tier, team, 0);
    }

    public static Alert alert(AlertType type, String ticketId, String severity, String tier, String team, int level) {
        Instant deadline = Instant.parse("2026-11-23T10:00:00Z");
        return new Alert(Alert.idOf(type, ticketId, "resolution", deadline, level), type, ticketId, null, "resolution",
                deadline, Instant.now(), level, severity, tier, team, "C-" + ticketId, "alice", "tier_time_limit",
                type + " on " + ticketId, "default", 1, Map.of());
    }
}
