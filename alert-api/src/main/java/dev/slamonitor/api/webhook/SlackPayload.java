package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming-webhook message for an alert: one human-readable mrkdwn text saying what, which
 * ticket, which clock and deadline, and, when the alert carries one, the handoff in the brief's
 * template (summary, steps taken, reason, impact, customer expectation). Pure.
 */
public final class SlackPayload {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private SlackPayload() {
    }

    public static ObjectNode of(Alert a) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("text", text(a));
        return out;
    }

    static String text(Alert a) {
        StringBuilder s = new StringBuilder();
        s.append(icon(a)).append(" *").append(a.type()).append('*');
        append(s, " · ", a.severity());
        append(s, " · ", a.tier());
        append(s, " · team ", a.team());
        s.append('\n');
        if (a.ticketId() != null) {
            s.append("*Ticket ").append(a.ticketId()).append("*");
        } else if (a.subject() != null) {
            s.append("*").append(a.subject()).append("*");
        }
        if (a.clock() != null) {
            s.append(": ").append(a.clock()).append(" clock");
        }
        if (a.deadline() != null) {
            s.append(", deadline ").append(TIME.format(a.deadline()));
        }
        if (a.reason() != null) {
            s.append(" (").append(a.reason()).append(')');
        }
        s.append('\n');
        if (a.message() != null) {
            s.append(a.message()).append('\n');
        }
        handoff(s, a.details());
        StringBuilder footer = new StringBuilder();
        append(footer, "Owner ", a.owner());
        append(footer, footer.isEmpty() ? "Customer " : " · Customer ", a.customerId());
        footer.append(footer.isEmpty() ? "" : " · ").append("Level ").append(a.level());
        footer.append(" · Alert `").append(a.alertId()).append('`');
        s.append(footer).append('\n');
        s.append("Acknowledge: `POST /api/v1/alerts/").append(a.alertId()).append("/ack`");
        return s.toString();
    }

    private static void handoff(StringBuilder s, Map<String, Object> details) {
        if (details == null || !(details.get("handoff") instanceof Map<?, ?> h)) {
            return;
        }
        s.append("*Handoff*\n");
        line(s, "Summary", h.get("summary"));
        Object steps = h.get("stepsTaken");
        if (steps instanceof List<?> list && !list.isEmpty()) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                joined.append(i == 0 ? "" : "; ").append(i + 1).append(". ").append(list.get(i));
            }
            line(s, "Steps taken", joined);
        }
        line(s, "Reason", h.get("reason"));
        line(s, "Impact", h.get("impact"));
        line(s, "Customer expectation", h.get("customerExpectation"));
    }

    private static void line(StringBuilder s, String label, Object value) {
        if (value != null && !value.toString().isBlank()) {
            s.append("> *").append(label).append(":* ").append(value).append('\n');
        }
    }

    private static void append(StringBuilder s, String prefix, String value) {
        if (value != null) {
            s.append(prefix).append(value);
        }
    }

    private static String icon(Alert a) {
        if (a.type() == null) {
            return ":bell:";
        }
        return switch (a.type()) {
            case BREACH -> ":rotating_light:";
            case WARNING -> ":warning:";
            case ESCALATION -> ":arrow_double_up:";
            case RENOTIFY -> ":bell:";
            default -> ":mag:";
        };
    }
}
