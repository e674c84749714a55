package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.AlertType;
import java.time.Instant;

/**
 * An alert a ticket has raised, as remembered in its SLA state: for de-duplication (an id is never
 * emitted twice), for acknowledgements, for the re-notify chain of BREACH / ESCALATION alerts, and
 * for the end of its condition (a WARNING, BREACH or ESCALATION is a condition; its RESOLVED record
 * is emitted once, when {@code resolvedAt} is set).
 *
 * @param trigger     what fired the alert (clock + cycle, or trigger + key); an ack covers every
 *                    alert of the same trigger, so a breach and its escalation need one ack
 * @param rootId      for RENOTIFY, the alert being re-notified; null otherwise
 * @param calendar    calendar name the re-notify interval runs on (no reminders outside business hours)
 * @param renotifyAt  when the next RENOTIFY is due; null when the chain ended or was acknowledged
 * @param notifiedLevel the highest level sent so far (0 = the alert itself)
 * @param resolvedAt  when the condition ended (its RESOLVED record went out); null while it holds,
 *                    and for states stored before the lifecycle existed
 */
public record RaisedAlert(String alertId, AlertType type, String clock, String reason, int level, Instant deadline,
                          Instant firedAt, String trigger, String rootId, String calendar, boolean acknowledged,
                          Instant renotifyAt, int notifiedLevel, Instant resolvedAt) {

    /** A clock's WARNING, BREACH or ESCALATION, fired at {@code firedAt}, re-notified on the clock's calendar. */
    static RaisedAlert ofClock(String alertId, AlertType type, SlaClock clock, String reason, String trigger, Instant firedAt) {
        return new RaisedAlert(alertId, type, clock.kind().wire(), reason, 0, clock.deadline(), firedAt, trigger, null,
                clock.calendar(), false, null, 0, null);
    }

    /** An ESCALATION an event triggered at {@code triggeredAt}; {@code trigger} is the reason and the trigger's key. */
    static RaisedAlert ofEventEscalation(String alertId, String reason, Instant triggeredAt, Instant firedAt, String trigger,
                                         String calendar) {
        return new RaisedAlert(alertId, AlertType.ESCALATION, null, reason, 0, triggeredAt, firedAt, trigger, null, calendar,
                false, null, 0, null);
    }

    /** The RENOTIFY of {@code root} at {@code level}: same trigger, clock and calendar as its root. */
    static RaisedAlert renotificationOf(RaisedAlert root, String alertId, int level, Instant firedAt) {
        return new RaisedAlert(alertId, AlertType.RENOTIFY, root.clock(), root.reason(), level, root.deadline(), firedAt,
                root.trigger(), root.alertId(), root.calendar(), false, null, level, null);
    }

    RaisedAlert acknowledge() {
        return new RaisedAlert(alertId, type, clock, reason, level, deadline, firedAt, trigger, rootId, calendar, true,
                null, notifiedLevel, resolvedAt);
    }

    RaisedAlert renotified(int newLevel, Instant next) {
        return new RaisedAlert(alertId, type, clock, reason, level, deadline, firedAt, trigger, rootId, calendar,
                acknowledged, next, newLevel, resolvedAt);
    }

    RaisedAlert chainStopped() {
        return new RaisedAlert(alertId, type, clock, reason, level, deadline, firedAt, trigger, rootId, calendar,
                acknowledged, null, notifiedLevel, resolvedAt);
    }

    RaisedAlert resolve(Instant at) {
        return new RaisedAlert(alertId, type, clock, reason, level, deadline, firedAt, trigger, rootId, calendar,
                acknowledged, null, notifiedLevel, at);
    }

    /** A condition (first notice of a WARNING, BREACH or ESCALATION) that has not ended. */
    boolean isOpenCondition() {
        return rootId == null && resolvedAt == null && type != AlertType.RENOTIFY;
    }
}
