package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Alertmanager API v2 PostableAlert for an alert record (posted as a one-element array to
 * {@code /api/v2/alerts}). Alertmanager identifies an alert by its label set, so the labels are the
 * stable facts of the condition: {@code alertname} (Sla + the root type, e.g. SlaBreach; a
 * re-notification keeps its root's name), {@code alert_key}, {@code severity}, {@code tier},
 * {@code team}, {@code ticket}, {@code clock}, {@code policy}; everything that changes goes to
 * annotations ({@code summary}, {@code description}, {@code runbook_url}, {@code acknowledged_by}).
 * {@code endsAt} is the resolve time for RESOLVED, otherwise a lease the sender renews. Pure.
 */
final class AlertmanagerPayload {

    private AlertmanagerPayload() {
    }

    /** The label set of a condition, from its first record (labels must not change while it is open). */
    static Map<String, String> labels(Alert a) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "Sla" + camel(rootType(a)));
        labels.put("alert_key", a.alertKey());
        put(labels, "severity", a.severity());
        put(labels, "tier", a.tier());
        put(labels, "team", a.team());
        put(labels, "ticket", a.ticketId());
        put(labels, "subject", a.ticketId() == null ? a.subject() : null);
        put(labels, "clock", a.clock());
        put(labels, "reason", a.reason());
        put(labels, "policy", a.policyId());
        return labels;
    }

    static ObjectNode alert(Map<String, String> labels, Alert a, Instant startsAt, Instant endsAt,
                            WebhookReceiver.Options o) {
        ObjectNode alert = Json.mapper().createObjectNode();
        ObjectNode l = alert.putObject("labels");
        labels.forEach(l::put);
        ObjectNode annotations = alert.putObject("annotations");
        annotations.put("summary", AlertText.title(a));
        annotations.put("description", AlertText.description(a));
        String runbook = AlertText.runbook(a);
        if (runbook != null) {
            annotations.put("runbook_url", runbook);
        }
        if (a.acknowledgedBy() != null) {
            annotations.put("acknowledged_by", a.acknowledgedBy());
        }
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt.toString());
        String link = AlertText.ticketLink(a, o);
        if (link != null) {
            alert.put("generatorURL", link);
        }
        return alert;
    }

    static ArrayNode batch(Iterable<ObjectNode> alerts) {
        ArrayNode out = Json.mapper().createArrayNode();
        alerts.forEach(out::add);
        return out;
    }

    /** {@code <base>/api/v2/alerts} unless the configured URL already names the endpoint. */
    static String endpoint(String url) {
        if (url.endsWith("/api/v2/alerts")) {
            return url;
        }
        return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/api/v2/alerts";
    }

    private static String rootType(Alert a) {
        Object root = a.details() == null ? null : a.details().get("rootType");
        return a.type() == AlertType.RENOTIFY && root != null ? root.toString() : a.type().name();
    }

    private static String camel(String upperSnake) {
        StringBuilder s = new StringBuilder();
        for (String part : upperSnake.split("_")) {
            if (!part.isEmpty()) {
                s.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return s.toString();
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(name, value);
        }
    }
}
