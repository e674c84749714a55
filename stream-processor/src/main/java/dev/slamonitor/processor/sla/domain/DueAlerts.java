package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.SupportTier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fires what time has made due in one engine step: a clock's WARNING at its warn threshold, its
 * BREACH and/or ESCALATION at its deadline, and the RENOTIFY of an unacknowledged chain. Decided by
 * comparing stored instants with {@code until}, never by counting timer calls, so a late step only
 * delays an alert and the ledger's ids keep a repeated one from going out twice.
 */
final class DueAlerts {

    /** Guard against a pathological loop in {@link #advance}; each pass fires at least one thing. */
    private static final int MAX_PASSES = 64;

    private final StepFacts facts;
    private final Ticket ticket;
    private final SlaPolicy policy;
    private final ClockBook clocks;
    private final AlertLedger ledger;
    private final HandoffNote handoff;

    DueAlerts(StepFacts facts, ClockBook clocks, AlertLedger ledger, HandoffNote handoff) {
        this.facts = facts;
        this.ticket = facts.ticket();
        this.policy = facts.policy();
        this.clocks = clocks;
        this.ledger = ledger;
        this.handoff = handoff;
    }

    /** Fires everything due at or before {@code until}: warnings, deadlines, re-notifications. */
    void advance(Instant until) {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean fired = false;
            for (ClockKind kind : ClockKind.values()) {
                SlaClock c = clocks.get(kind);
                if (c == null || c.state() != ClockState.RUNNING) {
                    continue;
                }
                if (!c.deadline().isAfter(until)) {
                    fireDeadline(c);
                    fired = true;
                } else if (c.warnAt() != null && !c.warnAt().isAfter(until)) {
                    fireWarning(c);
                    fired = true;
                }
            }
            for (RaisedAlert a : ledger.renotifyDue(until)) {
                fireRenotify(a);
                fired = true;
            }
            if (!fired) {
                return;
            }
        }
    }

    private void fireWarning(SlaClock c) {
        clocks.put(c.kind(), c.warnedNow());
        // a retarget that moved the threshold back into the future re-arms the warning: the older one is over
        ledger.end(a -> a.type() == AlertType.WARNING && c.kind().wire().equals(a.clock()), "superseded");
        String id = Alert.idOf(ticket.ticketId(), AlertType.WARNING, c.kind().wire(), c.cycle(), c.deadline().toEpochMilli());
        Map<String, Object> details = clockDetails(c);
        details.put("warnAt", c.warnAt().toString());
        details.put("warnFraction", policy.warnFraction());
        ledger.emit(raised(id, AlertType.WARNING, c, "warn_threshold", null),
                ledger.notices().clockNotice(id, AlertType.WARNING, c, "warn_threshold", c.kind().wire() + " of "
                        + ticket.ticketId() + " breaches at " + c.deadline() + " (" + Math.round(policy.warnFraction() * 100)
                        + " % of " + AlertFactory.human(c.targetMillis()) + " used)", details));
    }

    private void fireDeadline(SlaClock c) {
        clocks.put(c.kind(), c.breached());
        ledger.end(a -> a.type() == AlertType.WARNING && c.kind().wire().equals(a.clock()), "breached");
        String trigger = c.kind().wire() + ":" + c.cycle();
        // One page per incident: when the breach also escalates, only the escalation re-notifies.
        boolean escalates = c.kind().escalationReason() != null;
        if (c.kind().isSlaTarget()) {
            String id = Alert.idOf(ticket.ticketId(), AlertType.BREACH, c.kind().wire(), c.cycle());
            String reason = c.kind().wire() + "_deadline";
            ledger.emit(raised(id, AlertType.BREACH, c, reason, trigger), !escalates,
                    ledger.notices().clockNotice(id, AlertType.BREACH, c, reason, c.kind().wire() + " of " + ticket.ticketId()
                            + " (" + ticket.severity().wire() + ", " + c.tier().wire() + ") breached its "
                            + AlertFactory.human(c.targetMillis()) + " target at " + c.deadline(), clockDetails(c)));
        }
        String reason = c.kind().escalationReason();
        if (reason != null) {
            SupportTier from = c.kind() == ClockKind.RESOLUTION ? c.tier() : ticket.tier();
            SupportTier to = c.kind() == ClockKind.MANAGEMENT_NOTICE ? SupportTier.MANAGEMENT : from.next().orElse(from);
            String id = Alert.idOf(ticket.ticketId(), AlertType.ESCALATION, reason, c.kind().wire(), c.cycle());
            Map<String, Object> details = AlertDetails.ofEscalation(ticket, to, handoff);
            details.putAll(clockDetails(c));
            details.put("fromTier", from.wire());
            ledger.emit(raised(id, AlertType.ESCALATION, c, reason, trigger),
                    ledger.notices().clockNotice(id, AlertType.ESCALATION, c, reason, "Escalate " + ticket.ticketId()
                            + " from " + from.wire() + " to " + to.wire() + ": " + reason + " ("
                            + AlertFactory.human(c.targetMillis()) + ")", details));
        }
    }

    private void fireRenotify(RaisedAlert root) {
        int level = root.notifiedLevel() + 1;
        int max = policy.renotify().maxLevel();
        Instant next = level >= max ? null : facts.nextRenotifyAt(root.calendar());
        ledger.renotified(root.alertId(), level, next);
        if (level > max) {
            return; // the policy lowered its max level since the chain started
        }
        String id = Alert.idOf(ticket.ticketId(), AlertType.RENOTIFY, root.alertId(), level);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rootAlertId", root.alertId());
        details.put("rootType", root.type().name());
        if (root.type() == AlertType.ESCALATION && handoff != null) {
            details.put("handoff", handoff.toDetails());
        }
        ledger.emit(RaisedAlert.renotificationOf(root, id, level, facts.now()),
                ledger.notices().renotify(id, root, level, "Unacknowledged " + root.type() + " on " + ticket.ticketId()
                        + " (" + root.reason() + "), notification level " + level + " of " + max, details));
    }

    private RaisedAlert raised(String id, AlertType type, SlaClock c, String reason, String trigger) {
        return RaisedAlert.ofClock(id, type, c, reason, trigger == null ? c.kind().wire() + ":" + c.cycle() + ":warn" : trigger,
                facts.now());
    }

    private Map<String, Object> clockDetails(SlaClock c) {
        return AlertDetails.ofClock(c, facts.calendar(c.calendar()));
    }
}
