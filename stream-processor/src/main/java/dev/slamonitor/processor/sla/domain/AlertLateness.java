package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Marks an alert that is sent noticeably after it was due (processor down, behind, or holding its
 * timers until the input is applied): {@code details.late = true}, {@code details.dueAt} and
 * {@code details.lateByMs}. Additive: consumers that ignore the fields see the alert as before.
 * A late warning whose breach is still ahead is still worth sending; the mark lets a receiver say so.
 */
public final class AlertLateness {

    private AlertLateness() {
    }

    /**
     * @param timerDue  the wake-up of the ticket's timer that fired (the earliest thing due)
     * @param tolerance lateness below this is normal latency, not marked
     */
    public static Alert mark(Alert alert, Instant timerDue, Instant now, Duration tolerance) {
        Instant due = dueOf(alert, timerDue);
        long lateBy = now.toEpochMilli() - due.toEpochMilli();
        if (lateBy <= tolerance.toMillis()) {
            return alert;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("late", true);
        extra.put("dueAt", due.toString());
        extra.put("lateByMs", lateBy);
        return withDetails(alert, extra);
    }

    /** The alert with {@code extra} added to its details (additive fields, the rest unchanged). */
    public static Alert withDetails(Alert alert, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(alert.details() == null ? Map.of() : alert.details());
        details.putAll(extra);
        return alert.withDetails(Map.copyOf(details));
    }

    /** When the alert was due: a warning at its threshold, a clock's alert at its deadline, else the timer. */
    static Instant dueOf(Alert alert, Instant timerDue) {
        Object warnAt = alert.details() == null ? null : alert.details().get("warnAt");
        if (alert.type() == AlertType.WARNING && warnAt != null) {
            return Instant.parse(warnAt.toString());
        }
        if (alert.type() != AlertType.RENOTIFY && alert.deadline() != null && !alert.deadline().isBefore(timerDue)) {
            return alert.deadline();
        }
        return timerDue;
    }
}
