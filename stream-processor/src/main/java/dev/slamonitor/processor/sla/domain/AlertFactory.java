package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import java.time.Instant;
import java.util.Map;

/**
 * Builds the published {@link Alert}s of one engine step for one ticket: the ticket's facts, the policy
 * in force and the step's wall-clock time, with one named method per kind of notice, so no caller
 * passes the alert's many fields by position.
 */
final class AlertFactory {

    private final Ticket ticket;
    private final String policyId;
    private final int policyVersion;
    private final Instant now;

    AlertFactory(Ticket ticket, String policyId, int policyVersion, Instant now) {
        this.ticket = ticket;
        this.policyId = policyId;
        this.policyVersion = policyVersion;
        this.now = now;
    }

    /** The same factory under another policy (the step re-targeted the ticket). */
    AlertFactory under(String newPolicyId, int newPolicyVersion) {
        return new AlertFactory(ticket, newPolicyId, newPolicyVersion, now);
    }

    /** A clock's WARNING, BREACH or ESCALATION: dated by the clock's deadline. */
    Alert clockNotice(String id, AlertType type, SlaClock clock, String reason, String message, Map<String, Object> details) {
        return alert(id, type, clock.kind().wire(), clock.deadline(), now, 0, reason, message, details);
    }

    /** An ESCALATION an event triggered (VIP, customer replies, CSAT): dated by the trigger's event time. */
    Alert eventEscalation(String id, String reason, Instant triggeredAt, String message, Map<String, Object> details) {
        return alert(id, AlertType.ESCALATION, null, triggeredAt, now, 0, reason, message, details);
    }

    /** A RENOTIFY of an unacknowledged root alert, under the root's key. */
    Alert renotify(String id, RaisedAlert root, int level, String message, Map<String, Object> details) {
        return alert(id, AlertType.RENOTIFY, root.clock(), root.deadline(), now, level, root.reason(), message, details)
                .withKey(root.alertId());
    }

    /** The first notice of a raised alert, rebuilt from the state with the ticket's current facts (for lifecycle records). */
    Alert firstNotice(RaisedAlert raised) {
        return alert(raised.alertId(), raised.type(), raised.clock(), raised.deadline(), raised.firedAt(), 0, raised.reason(),
                null, Map.of());
    }

    private Alert alert(String id, AlertType type, String clock, Instant deadline, Instant firedAt, int level, String reason,
                        String message, Map<String, Object> details) {
        return new Alert(id, type, ticket.ticketId(), null, clock, deadline, firedAt, level, ticket.severity().wire(),
                ticket.tier().wire(), ticket.team(), ticket.customer() == null ? null : ticket.customer().id(), ticket.owner(),
                reason, message, policyId, policyVersion, Map.copyOf(details));
    }

    /** {@code 15m}, {@code 1h30m}, {@code 2d4h} (calendar-free, for messages). */
    static String human(long millis) {
        if (millis <= 0) {
            return "0s";
        }
        long s = millis / 1_000;
        long d = s / 86_400;
        long h = s % 86_400 / 3_600;
        long m = s % 3_600 / 60;
        long sec = s % 60;
        StringBuilder b = new StringBuilder();
        if (d > 0) {
            b.append(d).append('d');
        }
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (sec > 0 || b.isEmpty()) {
            b.append(sec > 0 ? sec : millis).append(sec > 0 ? "s" : "ms");
        }
        return b.toString();
    }
}
