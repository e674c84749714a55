package dev.slamonitor.api.webhook;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The words and links every on-call format shares, so Slack, Teams, PagerDuty and Opsgenie say the same thing. Pure. */
final class AlertText {

    private AlertText() {
    }

    /** One line: state, type, what, which ticket, e.g. {@code BREACH first_response on T-1 (high, L1, payments)}. */
    static String title(Alert a) {
        StringBuilder s = new StringBuilder();
        if (a.state() == AlertState.RESOLVED) {
            s.append("Resolved: ");
        } else if (a.state() == AlertState.ACKNOWLEDGED) {
            s.append("Acknowledged: ");
        }
        s.append(a.type());
        if (a.clock() != null) {
            s.append(' ').append(a.clock());
        } else if (a.reason() != null) {
            s.append(' ').append(a.reason());
        }
        s.append(" on ").append(subject(a));
        StringBuilder facts = new StringBuilder();
        for (String f : new String[] {a.severity(), a.tier(), a.team()}) {
            if (f != null) {
                facts.append(facts.isEmpty() ? "" : ", ").append(f);
            }
        }
        if (!facts.isEmpty()) {
            s.append(" (").append(facts).append(')');
        }
        return s.toString();
    }

    /** The ticket, or the tag / refund code an alert without a ticket is about. */
    static String subject(Alert a) {
        return a.ticketId() != null ? a.ticketId() : a.subject() != null ? a.subject() : "sla-monitor";
    }

    /** What happened in words: the alert's message, with why it ended or who took it for lifecycle records. */
    static String description(Alert a) {
        String message = a.message() == null ? "" : a.message();
        if (a.state() == AlertState.ACKNOWLEDGED && a.acknowledgedBy() != null && !message.contains(a.acknowledgedBy())) {
            return message + " (acknowledged by " + a.acknowledgedBy() + ")";
        }
        if (a.state() == AlertState.RESOLVED && a.stateReason() != null && !message.contains(a.stateReason().replace('_', ' '))) {
            return message + " (" + a.stateReason().replace('_', ' ') + ")";
        }
        return message;
    }

    /** Link to the ticket from the receiver's template; null for alerts without a ticket. */
    static String ticketLink(Alert a, WebhookReceiver.Options o) {
        if (a.ticketId() == null || o.ticketUrl() == null) {
            return null;
        }
        return o.ticketUrl().replace("{ticketId}", URLEncoder.encode(a.ticketId(), StandardCharsets.UTF_8));
    }

    /** The playbook / runbook URL an alert carries in its details (drift alerts from the taxonomy), if any. */
    static String runbook(Alert a) {
        Object p = a.details() == null ? null : a.details().get("playbook");
        return p instanceof String s && (s.startsWith("http://") || s.startsWith("https://")) ? s : null;
    }

    /** Cuts text to {@code max} characters, ending with an ellipsis when it had to. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
