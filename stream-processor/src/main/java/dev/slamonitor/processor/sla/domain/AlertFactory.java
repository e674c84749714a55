package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import java.time.Instant;
import java.util.Map;

/** Builds the published {@link Alert} for one ticket: the ticket's facts plus the policy in force. */
final class AlertFactory {

    private AlertFactory() {
    }

    static Alert alert(String id, AlertType type, Ticket t, String policyId, int policyVersion, String clock,
                       Instant deadline, Instant firedAt, int level, String reason, String message,
                       Map<String, Object> details) {
        return new Alert(id, type, t.ticketId(), null, clock, deadline, firedAt, level, t.severity().wire(),
                t.tier().wire(), t.team(), t.customer() == null ? null : t.customer().id(), t.owner(), reason, message,
                policyId, policyVersion, Map.copyOf(details));
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
