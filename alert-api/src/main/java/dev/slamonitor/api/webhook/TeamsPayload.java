package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.json.Json;

/**
 * A Microsoft Teams message for a Workflows (Power Automate "When a Teams webhook request is
 * received") webhook: {@code {"type":"message","attachments":[{"contentType":
 * "application/vnd.microsoft.card.adaptive","content":<AdaptiveCard 1.4>}]}} with a heading, a fact
 * set, the description and an {@code Action.OpenUrl} to the ticket. Teams refuses messages over about
 * 28 KB, so text is cut well below that. Pure.
 */
final class TeamsPayload {

    static final String CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    static final int MAX_MESSAGE_BYTES = 28 * 1024;
    private static final int MAX_TEXT = 8_000;

    private TeamsPayload() {
    }

    static ObjectNode of(Alert a, WebhookReceiver.Options o) {
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CARD_CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", CARD_SCHEMA);
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", AlertText.cut(AlertText.title(a), 300))
                .put("weight", "Bolder").put("size", "Medium").put("wrap", true)
                .put("color", a.state() == AlertState.RESOLVED ? "Good" : a.state() == AlertState.ACKNOWLEDGED ? "Accent"
                        : "Attention");
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "State", a.state().name() + (a.stateReason() == null ? "" : " (" + a.stateReason() + ")"));
        fact(facts, "Ticket", a.ticketId() != null ? a.ticketId() : a.subject());
        fact(facts, "Severity", a.severity());
        fact(facts, "Tier", a.tier());
        fact(facts, "Team", a.team());
        fact(facts, "Clock", a.clock());
        fact(facts, "Deadline", a.deadline() == null ? null : a.deadline().toString());
        fact(facts, "Owner", a.owner());
        fact(facts, "Acknowledged by", a.acknowledgedBy());
        fact(facts, "Alert key", a.alertKey());
        String description = AlertText.description(a);
        if (!description.isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", AlertText.cut(description, MAX_TEXT)).put("wrap", true);
        }
        String link = AlertText.ticketLink(a, o);
        if (link != null) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open ticket").put("url", link);
        }
        return message;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null) {
            facts.addObject().put("title", title).put("value", AlertText.cut(value, 500));
        }
    }
}
