package dev.slamonitor.api.tickets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.Json;
import dev.slamonitor.state.AckView;
import dev.slamonitor.state.AlertSummary;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.SlaEventView;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Renders tickets for the API: the full detail (snapshot, clocks with remaining time at {@code now},
 * the SLAs with their ongoing and completed cycles, the clock events, alerts from both the snapshot
 * and the alerts topic merged by alertId, acks, states) and the compact list item. Pure.
 */
public final class TicketJson {

    private TicketJson() {
    }

    public static ObjectNode detail(TicketSnapshot t, Collection<Alert> streamAlerts, Set<TicketState> states, Instant now) {
        ObjectNode out = Json.mapper().valueToTree(t);
        out.remove("clocks");
        out.remove("alerts");
        out.remove("acks");
        out.set("states", statesJson(states));
        out.remove("completedCycles");
        out.remove("slaEvents");
        ArrayNode clocks = out.putArray("clocks");
        for (ClockView c : t.clocks() == null ? java.util.List.<ClockView>of() : t.clocks()) {
            ObjectNode clock = Json.mapper().valueToTree(c);
            remaining(c, now).ifPresent(remaining -> {
                clock.put("remainingMillis", remaining.toMillis());
                clock.put("remaining", remaining.toString());
            });
            clocks.add(clock);
        }
        out.set("slas", SlaCycles.json(t, now));
        ArrayNode events = out.putArray("slaEvents");
        for (SlaEventView e : t.slaEvents() == null ? java.util.List.<SlaEventView>of() : t.slaEvents()) {
            events.add(Json.mapper().<ObjectNode>valueToTree(e));
        }
        out.set("alerts", alerts(t, streamAlerts));
        ArrayNode acks = out.putArray("acks");
        for (AckView ack : t.acks() == null ? java.util.List.<AckView>of() : t.acks()) {
            acks.add(Json.mapper().<ObjectNode>valueToTree(ack));
        }
        out.put("viewAt", now.toString());
        return out;
    }

    /**
     * Time left to the deadline of a running or breached clock (negative once breached); a breached
     * clock that stopped counting (its ticket finished, its event came) keeps the overrun it had then.
     */
    static java.util.Optional<Duration> remaining(ClockView c, Instant now) {
        if (c.deadline() == null || !("RUNNING".equals(c.state()) || "BREACHED".equals(c.state()))) {
            return java.util.Optional.empty();
        }
        Instant until = "BREACHED".equals(c.state()) && c.stoppedAt() != null ? c.stoppedAt() : now;
        return java.util.Optional.of(Duration.between(until, c.deadline()));
    }

    public static ObjectNode listItem(TicketSnapshot t, Set<TicketState> states, Instant now) {
        ObjectNode item = Json.mapper().createObjectNode();
        item.put("ticketId", t.ticketId());
        item.put("status", t.status());
        item.put("severity", t.severity());
        item.put("tier", t.tier());
        item.put("team", t.team());
        if (t.customer() != null) {
            item.put("customerId", t.customer().id());
        }
        if (t.owner() != null) {
            item.put("owner", t.owner());
        }
        item.set("states", statesJson(states));
        nextDeadline(t).ifPresent(c -> {
            item.put("nextClock", c.name());
            item.put("nextDeadline", c.deadline().toString());
            item.put("remainingMillis", Duration.between(now, c.deadline()).toMillis());
        });
        return item;
    }

    private static java.util.Optional<ClockView> nextDeadline(TicketSnapshot t) {
        return (t.clocks() == null ? java.util.List.<ClockView>of() : t.clocks()).stream()
                .filter(c -> "RUNNING".equals(c.state()) && c.deadline() != null)
                .min(java.util.Comparator.comparing(ClockView::deadline));
    }

    private static ArrayNode statesJson(Set<TicketState> states) {
        ArrayNode out = Json.mapper().createArrayNode();
        states.forEach(s -> out.add(s.wire()));
        return out;
    }

    private static ArrayNode alerts(TicketSnapshot t, Collection<Alert> streamAlerts) {
        Map<String, ObjectNode> merged = new LinkedHashMap<>();
        Map<String, Boolean> acked = new java.util.HashMap<>();
        for (AlertSummary s : t.alerts() == null ? java.util.List.<AlertSummary>of() : t.alerts()) {
            merged.put(s.alertId(), Json.mapper().valueToTree(s));
            acked.put(s.alertId(), s.acknowledged());
        }
        if (t.acks() != null) {
            t.acks().forEach(a -> acked.put(a.alertId(), true));
        }
        for (Alert a : streamAlerts) {
            ObjectNode node = Json.mapper().valueToTree(a);
            node.put("acknowledged", acked.getOrDefault(a.alertId(), false));
            merged.put(a.alertId(), node);
        }
        ArrayNode out = Json.mapper().createArrayNode();
        merged.values().forEach(out::add);
        return out;
    }
}
