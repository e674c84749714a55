package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.state.AckView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The alerts one ticket has raised, for the duration of one engine step, and the alerts the step
 * publishes, in order. The one place that decides whether an alert goes out: an id is emitted once
 * (ids are deterministic, the stored list is the guard), a BREACH or ESCALATION starts its re-notify
 * chain, the end of a condition publishes its RESOLVED record once, and an acknowledgement covers
 * every alert of the same trigger.
 *
 * <p>Bounded: keeps at most {@value #MAX_ALERTS_KEPT} alerts (never dropping a running chain, and
 * dropping ended conditions before open ones) and the last {@value #MAX_ACKS_KEPT} acknowledgements.
 */
final class AlertLedger {

    static final int MAX_ALERTS_KEPT = 50;
    static final int MAX_ACKS_KEPT = 20;

    private final StepFacts facts;
    private final List<RaisedAlert> alerts;
    private final List<AckView> acks;
    private final List<Alert> emitted = new ArrayList<>();
    private AlertFactory notices;
    private boolean changed;

    AlertLedger(StepFacts facts, SlaState state) {
        this.facts = facts;
        this.alerts = new ArrayList<>(state.alerts());
        this.acks = new ArrayList<>(state.acks());
        this.notices = new AlertFactory(facts.ticket(), state.policyId(), state.policyVersion(), facts.now());
    }

    /** The factory of this step's notices, under the policy the ticket is currently on. */
    AlertFactory notices() {
        return notices;
    }

    /** From now on, notices name another policy (the step re-targeted the ticket). */
    void underPolicy(String policyId, int policyVersion) {
        notices = notices.under(policyId, policyVersion);
    }

    List<RaisedAlert> raised() {
        return List.copyOf(alerts);
    }

    List<AckView> acks() {
        return List.copyOf(acks);
    }

    List<Alert> emitted() {
        return List.copyOf(emitted);
    }

    /** True if the stored alerts or acknowledgements changed (emitting alone is reported by {@link #emitted()}). */
    boolean changed() {
        return changed;
    }

    void emit(RaisedAlert raised, Alert alert) {
        emit(raised, true, alert);
    }

    /** @param mayChain false for a root whose incident another root of the same trigger pages for */
    void emit(RaisedAlert raised, boolean mayChain, Alert alert) {
        if (alerts.stream().anyMatch(a -> a.alertId().equals(raised.alertId()))) {
            return; // already sent: ids are deterministic, state is the guard
        }
        boolean chains = mayChain && (raised.type() == AlertType.BREACH || raised.type() == AlertType.ESCALATION)
                && facts.policy().renotify().maxLevel() > 0 && !facts.ticket().isResolved();
        RaisedAlert stored = chains ? raised.renotified(0, facts.nextRenotifyAt(raised.calendar())) : raised;
        alerts.add(stored);
        trimAlerts();
        emitted.add(alert);
    }

    /** Records that {@code rootId}'s chain reached {@code level}; {@code next} null ends the chain. */
    void renotified(String rootId, int level, Instant next) {
        alerts.replaceAll(a -> a.alertId().equals(rootId) ? a.renotified(level, next) : a);
    }

    /** The raised alerts whose next re-notification is due at or before {@code until}. */
    List<RaisedAlert> renotifyDue(Instant until) {
        return alerts.stream().filter(a -> a.renotifyAt() != null && !a.renotifyAt().isAfter(until)).toList();
    }

    /** The earliest pending re-notification, or null. */
    Instant nextRenotifyAt() {
        Instant next = null;
        for (RaisedAlert a : alerts) {
            Instant at = a.renotifyAt();
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    /** Stops every running re-notify chain (the ticket finished). */
    void stopAllChains() {
        alerts.replaceAll(a -> a.renotifyAt() == null ? a : a.chainStopped());
    }

    /** Ends the open conditions of one clock: its WARNING and BREACH, and its ESCALATION when asked. */
    void endClock(ClockKind kind, String why, boolean escalationsToo) {
        end(a -> kind.wire().equals(a.clock()) && (escalationsToo || a.type() != AlertType.ESCALATION), why);
    }

    /** Publishes RESOLVED once for every open condition that {@code which} selects and stops its re-notify chain. */
    void end(Predicate<RaisedAlert> which, String why) {
        for (RaisedAlert a : List.copyOf(alerts)) {
            if (a.isOpenCondition() && which.test(a)) {
                alerts.replaceAll(x -> x.alertId().equals(a.alertId()) ? x.resolve(facts.now()) : x);
                emitted.add(notices.firstNotice(a).resolved(why, facts.now(), a.type() + " " + a.reason() + " on "
                        + facts.ticket().ticketId() + " resolved: " + why.replace('_', ' ')));
                changed = true;
            }
        }
    }

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
                emitted.add(notices.firstNotice(a).acknowledged(ack.by(), facts.now(), a.type() + " " + a.reason() + " on "
                        + facts.ticket().ticketId() + " acknowledged by " + ack.by()));
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
}
