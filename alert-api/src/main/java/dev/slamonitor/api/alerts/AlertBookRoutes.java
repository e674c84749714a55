package dev.slamonitor.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.api.web.Feature;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.api.web.Problems;
import dev.slamonitor.api.web.QueryParams;
import dev.slamonitor.api.web.Responses;
import dev.slamonitor.api.tickets.TicketView;
import dev.slamonitor.api.webhook.WebhookSignature;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/alerts?state=open,acknowledged,resolved&severity=&team=&tier=&limit=&cursor=} and
 * {@code GET /api/v1/alerts/{alertKey}} with its history (viewer), from the {@link AlertBook}. Mount
 * after {@code /alerts/stream} so that path keeps its own handler.
 */
public final class AlertBookRoutes {

    private final AlertBook book;

    public AlertBookRoutes(AlertBook book) {
        this.book = book;
    }

    public void mount(Router router, Guards guards) {
        router.get(Feature.V1 + "/alerts").handler(guards.role(Role.VIEWER)).handler(this::list);
        router.get(Feature.V1 + "/alerts/:alertKey").handler(guards.role(Role.VIEWER)).handler(this::get);
    }

    void list(RoutingContext ctx) {
        QueryParams params = new QueryParams(ctx);
        Set<String> stateNames = params.set("state", s -> state(s) != null, "one of open, acknowledged, resolved");
        Set<String> severities = params.severities();
        Set<String> tiers = params.tiers();
        Set<String> teams = params.set("team");
        int limit = params.integer("limit", 1, 500, 50);
        String after = params.cursor();
        if (!params.violations().isEmpty()) {
            Problems.invalid(ctx, "Bad query parameters.", params.violations());
            return;
        }
        EnumSet<AlertState> states = EnumSet.noneOf(AlertState.class);
        stateNames.forEach(s -> states.add(state(s)));
        if (states.isEmpty()) {
            states.add(AlertState.TRIGGERED);
            states.add(AlertState.ACKNOWLEDGED);
        }
        AlertBook.Page page = book.list(states, severities, teams, tiers, limit, after);
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode items = out.putArray("items");
        page.items().forEach(e -> items.add(json(e, false)));
        if (page.nextAfter() != null) {
            out.put("nextCursor", QueryParams.cursorAfter(page.nextAfter()));
        }
        Responses.json(ctx, 200, out);
    }

    void get(RoutingContext ctx) {
        String key = ctx.pathParam("alertKey");
        var entry = book.get(key);
        if (entry.isEmpty()) {
            Problems.send(ctx, 404, "alert-not-found", "Alert not found", "No alert key '" + key + "' in the live view.");
            return;
        }
        Responses.json(ctx, 200, json(entry.get(), true));
    }

    /** {@code open} is a TRIGGERED key nobody took yet. */
    private static AlertState state(String wire) {
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "open" -> AlertState.TRIGGERED;
            case "acknowledged" -> AlertState.ACKNOWLEDGED;
            case "resolved" -> AlertState.RESOLVED;
            default -> null;
        };
    }

    static ObjectNode json(AlertBook.Entry e, boolean withHistory) {
        Alert n = e.notice();
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("alertKey", e.key());
        o.put("state", e.state() == AlertState.TRIGGERED ? "open" : e.state().name().toLowerCase(Locale.ROOT));
        o.put("type", n.type().name());
        o.put("ticketId", n.ticketId());
        o.put("subject", n.subject());
        o.put("clock", n.clock());
        o.put("reason", n.reason());
        o.put("severity", n.severity());
        o.put("tier", n.tier());
        o.put("team", n.team());
        o.put("owner", n.owner());
        o.put("message", n.message());
        o.put("deadline", n.deadline() == null ? null : n.deadline().toString());
        o.put("firedAt", n.firedAt() == null ? null : n.firedAt().toString());
        o.put("lastChangeAt", e.lastAt() == null ? null : e.lastAt().toString());
        int level = 0;
        String by = null;
        String endedBecause = null;
        for (AlertBook.Step s : e.history()) {
            level = Math.max(level, s.level());
            if (s.state() == AlertState.ACKNOWLEDGED && by == null) {
                by = s.by();
            }
            if (s.state() == AlertState.RESOLVED) {
                endedBecause = s.reason();
            }
        }
        o.put("level", level);
        o.put("acknowledgedBy", by);
        o.put("resolvedBecause", endedBecause);
        if (withHistory) {
            ArrayNode history = o.putArray("history");
            for (AlertBook.Step s : e.history()) {
                ObjectNode h = history.addObject();
                h.put("event", s.state() == AlertState.TRIGGERED ? (s.level() == 0 ? "triggered" : "renotified")
                        : s.state().name().toLowerCase(Locale.ROOT));
                h.put("alertId", s.alertId());
                h.put("type", s.type());
                h.put("level", s.level());
                h.put("at", s.at() == null ? null : s.at().toString());
                if (s.by() != null) {
                    h.put("by", s.by());
                }
                if (s.reason() != null) {
                    h.put("reason", s.reason());
                }
            }
        }
        return o;
    }
}
