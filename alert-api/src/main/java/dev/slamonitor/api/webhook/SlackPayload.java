package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A Slack incoming-webhook message for an alert: Block Kit blocks (a header, a section of fields,
 * the message, the handoff in the brief's template when the alert carries one, a context line and
 * an actions block with a link button to the ticket) and the mrkdwn {@code text} as the
 * notification fallback. Within Block Kit's limits: header text 150 characters, section text 3 000,
 * at most 10 fields of 2 000, 10 context elements, button text 75 and URL 3 000, 50 blocks; the
 * fallback text is cut at 40 000. Pure.
 */
public final class SlackPayload {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private SlackPayload() {
    }

    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3_000;
    static final int MAX_FIELD = 2_000;
    static final int MAX_FIELDS = 10;
    static final int MAX_TEXT = 40_000;

    /** The message without a ticket link (receivers configured before links existed). */
    public static ObjectNode of(Alert a) {
        return of(a, WebhookReceiver.Options.NONE);
    }

    public static ObjectNode of(Alert a, WebhookReceiver.Options o) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("text", AlertText.cut(text(a), MAX_TEXT));
        ArrayNode blocks = out.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", AlertText.cut(icon(a) + " " + AlertText.title(a), MAX_HEADER))
                .put("emoji", true);
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        field(fields, "Ticket", a.ticketId() != null ? a.ticketId() : a.subject());
        field(fields, "State", a.state().name() + (a.stateReason() == null ? "" : " (" + a.stateReason() + ")"));
        field(fields, "Severity", a.severity());
        field(fields, "Tier", a.tier());
        field(fields, "Team", a.team());
        field(fields, "Clock", a.clock());
        field(fields, "Deadline", a.deadline() == null ? null : TIME.format(a.deadline()));
        field(fields, "Reason", a.reason());
        field(fields, "Owner", a.owner());
        field(fields, "Acknowledged by", a.acknowledgedBy());
        if (a.message() != null && !a.message().isBlank()) {
            section(blocks, AlertText.description(a));
        }
        StringBuilder handoff = new StringBuilder();
        handoff(handoff, a.details());
        if (!handoff.isEmpty()) {
            section(blocks, handoff.toString());
        }
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        context.addObject().put("type", "mrkdwn").put("text", "Level " + a.level() + " · key `" + a.alertKey() + "`"
                + (a.policyId() == null ? "" : " · policy " + a.policyId() + "@" + a.policyVersion()));
        if (a.notifies()) {
            context.addObject().put("type", "mrkdwn").put("text", "Acknowledge: `POST /api/v1/alerts/" + a.alertId() + "/ack`");
        }
        String link = AlertText.ticketLink(a, o);
        if (link != null) {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                    .put("type", "button").put("action_id", "open-ticket").put("url", AlertText.cut(link, 3_000));
            button.putObject("text").put("type", "plain_text").put("text", "Open ticket " + AlertText.cut(a.ticketId(), 60));
        }
        return out;
    }

    private static void field(ArrayNode fields, String label, String value) {
        if (value != null && fields.size() < MAX_FIELDS) {
            fields.addObject().put("type", "mrkdwn").put("text", AlertText.cut("*" + label + "*\n" + value, MAX_FIELD));
        }
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", AlertText.cut(mrkdwn, MAX_SECTION));
    }

    static String text(Alert a) {
        StringBuilder s = new StringBuilder();
        s.append(icon(a)).append(" *").append(a.type()).append('*');
        if (!a.notifies()) {
            s.append(" *").append(a.state()).append('*');
        }
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
        if (a.notifies()) {
            s.append("Acknowledge: `POST /api/v1/alerts/").append(a.alertId()).append("/ack`");
        } else {
            s.append(AlertText.description(a));
        }
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
        if (a.state() == dev.slamonitor.alert.AlertState.RESOLVED) {
            return ":white_check_mark:";
        }
        if (a.state() == dev.slamonitor.alert.AlertState.ACKNOWLEDGED) {
            return ":eyes:";
        }
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
