package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.state.AckView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A mutable working copy of one ticket's {@link SlaState} for the duration of one step of the
 * {@link SlaEngine}; collects the alerts the step emits. Not shared, not stored: {@link #outcome()}
 * turns it back into an immutable state.
 *
 * <p>Alert lifecycle: each WARNING, BREACH and ESCALATION is a condition with a key (its own id);
 * re-notifications carry the key of their root, an acknowledgement publishes ACKNOWLEDGED under it,
 * and the end of the condition publishes RESOLVED under it, once (the stored {@code resolvedAt} is
 * the guard). Which event ends which condition is the table in docs/sla-engine.md ("Alert lifecycle").
 */
final class SlaRun {

    static final int MAX_ALERTS_KEPT = 50;
    static final int MAX_ACKS_KEPT = 20;
    /** Guard against a pathological loop in {@link #advance}; each pass fires at least one thing. */
    private static final int MAX_PASSES = 64;

    private final Ticket ticket;
    private final SlaPolicy policy;
    private final Instant now;
    private String policyId;
    private int policyVersion;
    private AlertFactory notices;
    private final ClockBook clocks;
    private final SlaHistory history;
    private final List<RaisedAlert> alerts;
    private final List<AckView> acks;
    private HandoffNote handoff;
    private final List<Alert> emitted = new ArrayList<>();
    private boolean changed;

    SlaRun(SlaState state, Ticket ticket, SlaPolicy policy, Instant now) {
        this.ticket = ticket;
        this.policy = policy;
        this.now = now;
        this.policyId = state.policyId();
        this.policyVersion = state.policyVersion();
        this.notices = new AlertFactory(ticket, policyId, policyVersion, now);
        this.clocks = new ClockBook(state.clocks());
        this.history = state.history();
        this.alerts = new ArrayList<>(state.alerts());
        this.acks = new ArrayList<>(state.acks());
        this.handoff = state.handoff();
    }

    SlaEngine.Outcome outcome() {
        SlaState state = new SlaState(policyId, policyVersion, clocks.snapshot(), List.copyOf(alerts), List.copyOf(acks),
                handoff, nextWake(), null, clocks.addedTo(history));
        return new SlaEngine.Outcome(state, List.copyOf(emitted), changed || !emitted.isEmpty());
    }

    // ---- policy -------------------------------------------------------------------------------

    /** Applies the current policy (and the ticket's current severity) to every active clock from {@code at} on. */
    void retargetAll(Instant at) {
        String calendarName = policy.calendarBySeverity().get(ticket.severity());
        BusinessCalendar newCal = calendar(calendarName);
        for (SlaClock c : List.copyOf(clocks.values())) {
            if (!c.state().isActive()) {
                continue;
            }
            BusinessCalendar oldCal = calendar(c.calendar());
            Optional<PolicyDuration> target = policy.target(c.kind(), ticket.severity(), c.tier());
            clocks.put(c.kind(), target.isEmpty() ? c.finish(ClockState.STOPPED, at, oldCal)
                    : c.retarget(at, calendarName, oldCal, newCal, target.get().toBusinessMillis(newCal.businessDayMillis()),
                    policy.warnFraction()));
            if (target.isEmpty()) {
                endClock(c.kind(), "clock_stopped", true);
            }
        }
        policyId = policy.id();
        policyVersion = policy.version();
        notices = notices.under(policyId, policyVersion);
        changed = true;
    }

    // ---- clocks -------------------------------------------------------------------------------

    /** Starts every clock the ticket should have and never had, from the ticket's own facts. */
    void ensureClocks() {
        if (ticket.isResolved()) {
            return;
        }
        startIfAbsent(ClockKind.FIRST_RESPONSE, ticket.openedAt(), ticket.agentReplies() == 0);
        startIfAbsent(ClockKind.RESOLUTION, ticket.tierAt(), true);
        startIfAbsent(ClockKind.CUSTOMER_UPDATE, ticket.lastAgentActivityAt(), ticket.agentReplies() > 0);
        startIfAbsent(ClockKind.NO_UPDATE, latest(ticket.openedAt(), ticket.lastAgentActivityAt()), true);
        startIfAbsent(ClockKind.MANAGEMENT_NOTICE, ticket.openedAt(), true);
    }

    /** Applies what one event means for the clocks (state existed before the event). */
    void applyEvent(Ticket before, TicketEvent e, Instant at) {
        switch (e.type()) {
            case AGENT_REPLIED -> {
                finish(ClockKind.FIRST_RESPONSE, ClockState.SATISFIED, at);
                endClock(ClockKind.FIRST_RESPONSE, "clock_satisfied", true);
                if (!ticket.isResolved()) {
                    restart(ClockKind.CUSTOMER_UPDATE, at);
                    restart(ClockKind.NO_UPDATE, at);
                    endClock(ClockKind.CUSTOMER_UPDATE, "clock_satisfied", true);
                    endClock(ClockKind.NO_UPDATE, "clock_satisfied", true);
                    end(a -> "customer_replies".equals(a.reason()), "answered");
                }
            }
            case STATUS_CHANGED, RESOLVED, REOPENED -> statusChange(before.status(), ticket.status(), at);
            case ESCALATED -> {
                if (e.handoff() != null) {
                    handoff = HandoffNote.of(at, e.fromTier(), e.toTier(), e.handoff());
                    changed = true;
                }
                if (ticket.tier() != before.tier() && !ticket.isResolved()) {
                    end(a -> a.type() == AlertType.ESCALATION, "escalated");
                    restart(ClockKind.RESOLUTION, at);
                    endClock(ClockKind.RESOLUTION, "clock_restarted", true);
                }
                if (!ticket.isResolved()) {
                    restart(ClockKind.HANDOFF_ACK, at);
                    endClock(ClockKind.HANDOFF_ACK, "clock_restarted", true);
                }
            }
            case ACKNOWLEDGED -> {
                finish(ClockKind.HANDOFF_ACK, ClockState.SATISFIED, at);
                endClock(ClockKind.HANDOFF_ACK, "handoff_acknowledged", true);
            }
            default -> {
                // other events do not move clocks; their triggers are checked in triggers()
            }
        }
    }

    private void statusChange(TicketStatus from, TicketStatus to, Instant at) {
        if (from == to) {
            return;
        }
        if (to.isTerminal() && !from.isTerminal()) {
            resolveAll(at);
        } else if (from.isTerminal() && !to.isTerminal()) {
            reopen(at);
        } else if (to.pausesClocks() && !from.pausesClocks()) {
            for (SlaClock c : List.copyOf(clocks.values())) {
                if (c.kind().pausable()) {
                    clocks.put(c.kind(), c.pause(at, calendar(c.calendar())));
                    endClock(c.kind(), "clock_paused", false);
                }
            }
            changed = true;
        } else if (from.pausesClocks() && !to.pausesClocks()) {
            for (SlaClock c : List.copyOf(clocks.values())) {
                clocks.put(c.kind(), c.resume(at, calendar(c.calendar()), policy.warnFraction()));
            }
            changed = true;
        }
    }

    private void resolveAll(Instant at) {
        for (SlaClock c : List.copyOf(clocks.values())) {
            clocks.put(c.kind(), c.finish(c.kind() == ClockKind.RESOLUTION ? ClockState.SATISFIED : ClockState.STOPPED,
                    at, calendar(c.calendar())));
        }
        alerts.replaceAll(a -> a.renotifyAt() == null ? a : a.chainStopped());
        end(a -> true, "ticket_finished");
        changed = true;
    }

    private void reopen(Instant at) {
        restart(ClockKind.RESOLUTION, at);
        if (ticket.agentReplies() > 0) {
            restart(ClockKind.CUSTOMER_UPDATE, at);
        }
        restart(ClockKind.NO_UPDATE, at);
        SlaClock notice = clocks.get(ClockKind.MANAGEMENT_NOTICE);
        if (notice != null && notice.state() == ClockState.STOPPED) {
            // management was not due yet when the ticket was resolved: it continues with the time already used
            startNew(ClockKind.MANAGEMENT_NOTICE, at, notice.cycle() + 1, notice.consumedMillis());
        }
    }

    private void startIfAbsent(ClockKind kind, Instant at, boolean condition) {
        if (condition && at != null && !clocks.containsKey(kind)) {
            startNew(kind, at, 1, 0);
        }
    }

    /** A new cycle from {@code at}, unless a cycle that started later already exists (a stale event). */
    private void restart(ClockKind kind, Instant at) {
        SlaClock existing = clocks.get(kind);
        if (existing != null && existing.startedAt().isAfter(at)) {
            return;
        }
        if (existing != null && existing.isOpen()) {
            // a cadence cycle ends because the agent replied: met; a tier or handoff cycle is replaced: stopped
            ClockState end = kind == ClockKind.CUSTOMER_UPDATE || kind == ClockKind.NO_UPDATE ? ClockState.SATISFIED
                    : ClockState.STOPPED;
            clocks.put(kind, existing.finish(end, at, calendar(existing.calendar())));
        }
        startNew(kind, at, existing == null ? 1 : existing.cycle() + 1, 0);
    }

    private void startNew(ClockKind kind, Instant at, int cycle, long alreadyConsumed) {
        Optional<PolicyDuration> target = policy.target(kind, ticket.severity(), ticket.tier());
        if (target.isEmpty()) {
            return;
        }
        String calendarName = policy.calendarBySeverity().get(ticket.severity());
        BusinessCalendar cal = calendar(calendarName);
        long targetMillis = target.get().toBusinessMillis(cal.businessDayMillis());
        // the time already used is kept as consumed time (not as a smaller target), so that it survives
        // another resolution and reopen, and a severity change that retargets the cycle
        SlaClock c = SlaClock.start(kind, cycle, ticket.tier(), calendarName, cal, targetMillis, at, policy.warnFraction(),
                alreadyConsumed);
        if (kind.pausable() && ticket.status().pausesClocks()) {
            c = c.pause(latest(at, ticket.statusAt()), cal);
        }
        clocks.put(kind, c);
        changed = true;
    }

    private void finish(ClockKind kind, ClockState end, Instant at) {
        SlaClock c = clocks.get(kind);
        if (c != null && c.isOpen()) {
            clocks.put(kind, c.finish(end, at, calendar(c.calendar())));
            changed = true;
        }
    }

    // ---- triggers -----------------------------------------------------------------------------

    /** Event-driven automatic escalations: VIP account, customer replies without answer, low CSAT. */
    void triggers(Ticket before, TicketEvent e) {
        SlaPolicy.AutoEscalation auto = policy.autoEscalation();
        Instant at = e.occurredAt();
        if (e.type() == EventType.TICKET_OPENED && auto.vipAccount() && ticket.isVip()) {
            escalate("vip_account", "open", at, Map.of("vip", true), "VIP account");
        }
        Integer replies = auto.customerReplies();
        if (e.type() == EventType.CUSTOMER_REPLIED && replies != null && !ticket.isResolved()
                && ticket.customerRepliesSinceAgentReply() >= replies
                && (before == null || before.customerRepliesSinceAgentReply() < replies)) {
            escalate("customer_replies", "reply-" + ticket.customerReplies(), at,
                    Map.of("customerRepliesSinceAgentReply", ticket.customerRepliesSinceAgentReply(), "threshold", replies),
                    ticket.customerRepliesSinceAgentReply() + " customer replies without an answer");
        }
        Integer csatBelow = auto.csatBelow();
        if (e.type() == EventType.CSAT_RECEIVED && csatBelow != null && e.score() != null && e.score() < csatBelow) {
            escalate("csat_low", e.eventId(), at, Map.of("score", e.score(), "threshold", csatBelow),
                    "CSAT " + e.score() + " below " + csatBelow);
        }
    }

    private void escalate(String reason, String key, Instant at, Map<String, Object> facts, String why) {
        String id = Alert.idOf(ticket.ticketId(), AlertType.ESCALATION, reason, key);
        SupportTier to = ticket.tier().next().orElse(ticket.tier());
        Map<String, Object> details = escalationDetails(to);
        details.putAll(facts);
        String calendarName = policy.calendarBySeverity().get(ticket.severity());
        emit(RaisedAlert.ofEventEscalation(id, reason, at, now, reason + ":" + key, calendarName),
                notices.eventEscalation(id, reason, at,
                        "Escalate " + ticket.ticketId() + " from " + ticket.tier().wire() + " to " + to.wire() + ": " + why,
                        details));
        if (ticket.isResolved()) {
            // a finished ticket has nothing left to escalate: the notice is a one-off record
            end(a -> a.alertId().equals(id), "one_off");
        }
    }

    // ---- timers -------------------------------------------------------------------------------

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
            for (RaisedAlert a : List.copyOf(alerts)) {
                if (a.renotifyAt() != null && !a.renotifyAt().isAfter(until)) {
                    fireRenotify(a);
                    fired = true;
                }
            }
            if (!fired) {
                return;
            }
        }
    }

    private void fireWarning(SlaClock c) {
        clocks.put(c.kind(), c.warnedNow());
        // a retarget that moved the threshold back into the future re-arms the warning: the older one is over
        end(a -> a.type() == AlertType.WARNING && c.kind().wire().equals(a.clock()), "superseded");
        String id = Alert.idOf(ticket.ticketId(), AlertType.WARNING, c.kind().wire(), c.cycle(), c.deadline().toEpochMilli());
        Map<String, Object> details = clockDetails(c);
        details.put("warnAt", c.warnAt().toString());
        details.put("warnFraction", policy.warnFraction());
        emit(raised(id, AlertType.WARNING, c, "warn_threshold", null),
                notices.clockNotice(id, AlertType.WARNING, c, "warn_threshold", c.kind().wire() + " of " + ticket.ticketId()
                        + " breaches at " + c.deadline() + " (" + Math.round(policy.warnFraction() * 100) + " % of "
                        + AlertFactory.human(c.targetMillis()) + " used)", details));
    }

    private void fireDeadline(SlaClock c) {
        clocks.put(c.kind(), c.breached());
        end(a -> a.type() == AlertType.WARNING && c.kind().wire().equals(a.clock()), "breached");
        String trigger = c.kind().wire() + ":" + c.cycle();
        // One page per incident: when the breach also escalates, only the escalation re-notifies.
        boolean escalates = c.kind().escalationReason() != null;
        if (c.kind().isSlaTarget()) {
            String id = Alert.idOf(ticket.ticketId(), AlertType.BREACH, c.kind().wire(), c.cycle());
            String reason = c.kind().wire() + "_deadline";
            emit(raised(id, AlertType.BREACH, c, reason, trigger), !escalates,
                    notices.clockNotice(id, AlertType.BREACH, c, reason, c.kind().wire() + " of " + ticket.ticketId()
                            + " (" + ticket.severity().wire() + ", " + c.tier().wire() + ") breached its "
                            + AlertFactory.human(c.targetMillis()) + " target at " + c.deadline(), clockDetails(c)));
        }
        String reason = c.kind().escalationReason();
        if (reason != null) {
            SupportTier from = c.kind() == ClockKind.RESOLUTION ? c.tier() : ticket.tier();
            SupportTier to = c.kind() == ClockKind.MANAGEMENT_NOTICE ? SupportTier.MANAGEMENT : from.next().orElse(from);
            String id = Alert.idOf(ticket.ticketId(), AlertType.ESCALATION, reason, c.kind().wire(), c.cycle());
            Map<String, Object> details = escalationDetails(to);
            details.putAll(clockDetails(c));
            details.put("fromTier", from.wire());
            emit(raised(id, AlertType.ESCALATION, c, reason, trigger),
                    notices.clockNotice(id, AlertType.ESCALATION, c, reason, "Escalate " + ticket.ticketId() + " from "
                            + from.wire() + " to " + to.wire() + ": " + reason + " (" + AlertFactory.human(c.targetMillis()) + ")",
                            details));
        }
    }

    private void fireRenotify(RaisedAlert root) {
        int level = root.notifiedLevel() + 1;
        int max = policy.renotify().maxLevel();
        BusinessCalendar cal = calendar(root.calendar());
        Instant next = level >= max ? null
                : cal.addBusinessTime(now, policy.renotify().interval().toBusinessMillis(cal.businessDayMillis()));
        alerts.replaceAll(a -> a.alertId().equals(root.alertId()) ? a.renotified(level, next) : a);
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
        emit(RaisedAlert.renotificationOf(root, id, level, now),
                notices.renotify(id, root, level, "Unacknowledged " + root.type() + " on " + ticket.ticketId() + " ("
                        + root.reason() + "), notification level " + level + " of " + max, details));
    }

    private RaisedAlert raised(String id, AlertType type, SlaClock c, String reason, String trigger) {
        return RaisedAlert.ofClock(id, type, c, reason, trigger == null ? c.kind().wire() + ":" + c.cycle() + ":warn" : trigger, now);
    }

    private void emit(RaisedAlert raised, Alert alert) {
        emit(raised, true, alert);
    }

    /** @param mayChain false for a root whose incident another root of the same trigger pages for */
    private void emit(RaisedAlert raised, boolean mayChain, Alert alert) {
        if (alerts.stream().anyMatch(a -> a.alertId().equals(raised.alertId()))) {
            return; // already sent: ids are deterministic, state is the guard
        }
        boolean chains = mayChain && (raised.type() == AlertType.BREACH || raised.type() == AlertType.ESCALATION)
                && policy.renotify().maxLevel() > 0 && !ticket.isResolved();
        RaisedAlert stored = raised;
        if (chains) {
            BusinessCalendar cal = calendar(raised.calendar());
            stored = raised.renotified(0, cal.addBusinessTime(now,
                    policy.renotify().interval().toBusinessMillis(cal.businessDayMillis())));
        }
        alerts.add(stored);
        trimAlerts();
        emitted.add(alert);
    }

    /**
     * Keeps the newest alerts; never drops one whose re-notify chain is still running, and drops
     * ended ones before open conditions (an open condition dropped here would never be resolved).
     */
    private void trimAlerts() {
        trim(a -> a.renotifyAt() == null && !a.isOpenCondition());
        trim(a -> a.renotifyAt() == null);
    }

    private void trim(Predicate<RaisedAlert> removable) {
        for (int i = 0; alerts.size() > MAX_ALERTS_KEPT && i < alerts.size(); ) {
            if (removable.test(alerts.get(i))) {
                alerts.remove(i);
            } else {
                i++;
            }
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /** Ends the open conditions of one clock: its WARNING and BREACH, and its ESCALATION when asked. */
    private void endClock(ClockKind kind, String why, boolean escalationsToo) {
        end(a -> kind.wire().equals(a.clock()) && (escalationsToo || a.type() != AlertType.ESCALATION), why);
    }

    /** Publishes RESOLVED once for every open condition that {@code which} selects and stops its re-notify chain. */
    private void end(Predicate<RaisedAlert> which, String why) {
        for (RaisedAlert a : List.copyOf(alerts)) {
            if (a.isOpenCondition() && which.test(a)) {
                alerts.replaceAll(x -> x.alertId().equals(a.alertId()) ? x.resolve(now) : x);
                emitted.add(notice(a).resolved(why, now, a.type() + " " + a.reason() + " on " + ticket.ticketId()
                        + " resolved: " + why.replace('_', ' ')));
                changed = true;
            }
        }
    }

    /** The first notice of a raised alert, rebuilt from the state with the ticket's current facts. */
    private Alert notice(RaisedAlert a) {
        return notices.firstNotice(a);
    }

    // ---- acknowledgements ---------------------------------------------------------------------

    /** @return false if the ticket has no such alert */
    boolean acknowledge(String alertId, AckView ack) {
        Optional<RaisedAlert> named = alerts.stream().filter(a -> a.alertId().equals(alertId)).findFirst();
        if (named.isEmpty()) {
            return false;
        }
        String trigger = named.get().trigger();
        boolean already = alerts.stream().filter(a -> a.trigger().equals(trigger)).allMatch(RaisedAlert::acknowledged);
        if (already) {
            return true;
        }
        for (RaisedAlert a : alerts) {
            if (a.trigger().equals(trigger) && a.isOpenCondition() && !a.acknowledged()) {
                emitted.add(notice(a).acknowledged(ack.by(), now, a.type() + " " + a.reason() + " on "
                        + ticket.ticketId() + " acknowledged by " + ack.by()));
            }
        }
        alerts.replaceAll(a -> a.trigger().equals(trigger) ? a.acknowledge() : a);
        acks.add(ack);
        if (acks.size() > MAX_ACKS_KEPT) {
            acks.remove(0);
        }
        changed = true;
        return true;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Map<String, Object> clockDetails(SlaClock c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cycle", c.cycle());
        d.put("targetMillis", c.targetMillis());
        d.put("calendar", calendar(c.calendar()).describe());
        d.put("startedAt", c.startedAt().toString());
        return d;
    }

    private Map<String, Object> escalationDetails(SupportTier to) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("fromTier", ticket.tier().wire());
        d.put("toTier", to.wire());
        if (handoff != null) {
            d.put("handoff", handoff.toDetails());
        }
        return d;
    }

    /** The named calendar of the policy for this ticket's customer; the severity's calendar if the name is gone. */
    BusinessCalendar calendar(String name) {
        return policy.calendar(name, ticket);
    }

    private Instant nextWake() {
        Instant next = null;
        for (SlaClock c : clocks.values()) {
            next = earliest(next, c.nextDue());
        }
        for (RaisedAlert a : alerts) {
            next = earliest(next, a.renotifyAt());
        }
        return next;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
