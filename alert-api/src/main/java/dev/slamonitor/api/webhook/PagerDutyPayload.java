package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.json.Json;

/**
 * A PagerDuty Events API v2 event for an alert record: {@code event_action} trigger (first notice and
 * re-notifications, which PagerDuty de-duplicates into the open incident), acknowledge or resolve,
 * {@code dedup_key} = the alert key, so one incident follows the whole lifecycle. Limits from the
 * Events API: summary at most 1024 characters, dedup_key 255, the whole body 512 KB (custom details
 * are dropped first when an alert would exceed it). Pure.
 */
final class PagerDutyPayload {

    static final int MAX_BODY_BYTES = 512 * 1024;
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;

    private PagerDutyPayload() {
    }

    static ObjectNode of(Alert a, WebhookReceiver.Options o) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("routing_key", o.routingKey());
        event.put("event_action", action(a.state()));
        event.put("dedup_key", AlertText.cut(a.alertKey(), MAX_DEDUP_KEY));
        if (a.state() != AlertState.TRIGGERED) {
            return event; // acknowledge / resolve need only the key; PagerDuty keeps the incident's payload
        }
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", AlertText.cut(AlertText.title(a) + ": " + AlertText.description(a), MAX_SUMMARY));
        payload.put("source", "sla-monitor/" + AlertText.subject(a));
        payload.put("severity", severity(a));
        if (a.firedAt() != null) {
            payload.put("timestamp", a.firedAt().toString());
        }
        payload.put("component", a.clock() != null ? a.clock() : a.subject() != null ? a.subject() : a.type().name());
        if (a.team() != null) {
            payload.put("group", a.team());
        }
        payload.put("class", a.type().name() + (a.reason() == null ? "" : "/" + a.reason()));
        ObjectNode details = payload.putObject("custom_details");
        details.put("alertId", a.alertId());
        details.put("ticketId", a.ticketId());
        details.put("tier", a.tier());
        details.put("owner", a.owner());
        details.put("level", a.level());
        details.put("deadline", a.deadline() == null ? null : a.deadline().toString());
        details.put("policy", a.policyId() == null ? null : a.policyId() + "@" + a.policyVersion());
        if (a.details() != null) {
            details.set("details", Json.mapper().valueToTree(a.details()));
        }
        String link = AlertText.ticketLink(a, o);
        if (link != null) {
            event.putArray("links").addObject().put("href", link).put("text", "Ticket " + a.ticketId());
        }
        event.put("client", "SLA monitor");
        if (link != null) {
            event.put("client_url", link);
        }
        if (OutboundRequest.bytes(event).length > MAX_BODY_BYTES) {
            details.remove("details");
            details.put("truncated", "alert details exceeded the Events API's 512 KB limit; see the alert API");
        }
        return event;
    }

    static String action(AlertState state) {
        return switch (state) {
            case TRIGGERED -> "trigger";
            case ACKNOWLEDGED -> "acknowledge";
            case RESOLVED -> "resolve";
        };
    }

    /** Ticket severity to PagerDuty's critical / error / warning / info; a WARNING is never more than warning. */
    static String severity(Alert a) {
        if (a.type() == AlertType.WARNING) {
            return "warning";
        }
        if (a.severity() == null) {
            return a.type() == AlertType.GOVERNANCE_VIOLATION ? "error" : "warning";
        }
        return switch (a.severity()) {
            case "critical" -> "critical";
            case "high" -> "error";
            case "medium" -> "warning";
            default -> "info";
        };
    }
}
