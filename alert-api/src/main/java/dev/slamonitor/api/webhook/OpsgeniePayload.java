package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Opsgenie Alert API requests for an alert record, all with {@code alias} = the alert key: TRIGGERED
 * creates ({@code POST /v2/alerts}; Opsgenie de-duplicates a re-notification into the open alert by
 * alias), ACKNOWLEDGED acknowledges and RESOLVED closes ({@code POST /v2/alerts/{alias}/acknowledge|close?identifierType=alias}).
 * Authenticated by {@code Authorization: GenieKey <apiKey>}. Field limits from the Alert API: message
 * 130 characters, alias 512, description 15 000, entity 512, source 100, user 100, note 25 000, tags 50 each. Pure.
 */
final class OpsgeniePayload {

    static final int MAX_MESSAGE = 130;
    static final int MAX_ALIAS = 512;
    static final int MAX_DESCRIPTION = 15_000;
    static final int MAX_NOTE = 25_000;
    static final int MAX_TAG = 50;

    private OpsgeniePayload() {
    }

    static OutboundRequest request(Alert a, String baseUrl, WebhookReceiver.Options o) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Map<String, String> auth = Map.of("Authorization", "GenieKey " + o.apiKey());
        String alias = AlertText.cut(a.alertKey(), MAX_ALIAS);
        return switch (a.state()) {
            case TRIGGERED -> OutboundRequest.json(base + "/v2/alerts", auth, create(a, o));
            case ACKNOWLEDGED -> OutboundRequest.json(action(base, alias, "acknowledge"), auth,
                    transition(a, a.acknowledgedBy()));
            case RESOLVED -> OutboundRequest.json(action(base, alias, "close"), auth, transition(a, null));
        };
    }

    static ObjectNode create(Alert a, WebhookReceiver.Options o) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("message", AlertText.cut(AlertText.title(a), MAX_MESSAGE));
        body.put("alias", AlertText.cut(a.alertKey(), MAX_ALIAS));
        String link = AlertText.ticketLink(a, o);
        body.put("description", AlertText.cut(AlertText.description(a) + (link == null ? "" : "\n" + link), MAX_DESCRIPTION));
        body.put("entity", AlertText.cut(AlertText.subject(a), 512));
        body.put("source", "sla-monitor");
        body.put("priority", priority(a));
        var tags = body.putArray("tags");
        for (String t : new String[] {a.type().name(), a.severity(), a.tier(), a.team(), a.clock()}) {
            if (t != null) {
                tags.add(AlertText.cut(t, MAX_TAG));
            }
        }
        ObjectNode details = body.putObject("details");
        put(details, "alertId", a.alertId());
        put(details, "ticketId", a.ticketId());
        put(details, "reason", a.reason());
        put(details, "owner", a.owner());
        put(details, "deadline", a.deadline() == null ? null : a.deadline().toString());
        put(details, "level", String.valueOf(a.level()));
        put(details, "ticketUrl", link);
        return body;
    }

    private static ObjectNode transition(Alert a, String user) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("source", "sla-monitor");
        if (user != null) {
            body.put("user", AlertText.cut(user, 100));
        }
        body.put("note", AlertText.cut(AlertText.description(a), MAX_NOTE));
        return body;
    }

    private static String action(String base, String alias, String verb) {
        return base + "/v2/alerts/" + URLEncoder.encode(alias, StandardCharsets.UTF_8).replace("+", "%20") + "/" + verb
                + "?identifierType=alias";
    }

    private static void put(ObjectNode details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    /** P1..P5 from the ticket's severity; a WARNING one lower; alerts without severity P3. */
    static String priority(Alert a) {
        int p = a.severity() == null ? 3 : switch (a.severity()) {
            case "critical" -> 1;
            case "high" -> 2;
            case "medium" -> 3;
            default -> 4;
        };
        if (a.type() == AlertType.WARNING) {
            p++;
        }
        return "P" + Math.min(p, 5);
    }
}
