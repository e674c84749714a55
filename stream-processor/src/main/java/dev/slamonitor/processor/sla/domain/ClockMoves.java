package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the ticket's facts and events mean for its clocks in one engine step: which clocks start,
 * pause, resume, restart, finish or take a new target. A clock that stops or restarts ends its open
 * conditions in the {@link AlertLedger} (which event ends which condition is the table in
 * docs/sla-engine.md, "Alert lifecycle"). Fires nothing itself: deadlines are {@link DueAlerts}'s job.
 */
final class ClockMoves {

    private final StepFacts facts;
    private final Ticket ticket;
    private final SlaPolicy policy;
    private final ClockBook clocks;
    private final AlertLedger ledger;
    private boolean changed;

    ClockMoves(StepFacts facts, ClockBook clocks, AlertLedger ledger) {
        this.facts = facts;
        this.ticket = facts.ticket();
        this.policy = facts.policy();
        this.clocks = clocks;
        this.ledger = ledger;
    }

    /** True if a clock was started, paused, resumed, finished or re-targeted. */
    boolean changed() {
        return changed;
    }

    /** Applies the current policy (and the ticket's current severity) to every active clock from {@code at} on. */
    void retargetAll(Instant at) {
        String calendarName = facts.severityCalendarName();
        BusinessCalendar newCal = facts.calendar(calendarName);
        for (SlaClock c : List.copyOf(clocks.values())) {
            if (!c.state().isActive()) {
                continue;
            }
            BusinessCalendar oldCal = facts.calendar(c.calendar());
            Optional<PolicyDuration> target = policy.target(c.kind(), ticket.severity(), c.tier());
            clocks.put(c.kind(), target.isEmpty() ? c.finish(ClockState.STOPPED, at, oldCal)
                    : c.retarget(at, calendarName, oldCal, newCal, target.get().toBusinessMillis(newCal.businessDayMillis()),
                    policy.warnFraction()));
            if (target.isEmpty()) {
                ledger.endClock(c.kind(), "clock_stopped", true);
            }
        }
        changed = true;
    }

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
                ledger.endClock(ClockKind.FIRST_RESPONSE, "clock_satisfied", true);
                if (!ticket.isResolved()) {
                    restart(ClockKind.CUSTOMER_UPDATE, at);
                    restart(ClockKind.NO_UPDATE, at);
                    ledger.endClock(ClockKind.CUSTOMER_UPDATE, "clock_satisfied", true);
                    ledger.endClock(ClockKind.NO_UPDATE, "clock_satisfied", true);
                    ledger.end(a -> "customer_replies".equals(a.reason()), "answered");
                }
            }
            case STATUS_CHANGED, RESOLVED, REOPENED -> statusChange(before.status(), ticket.status(), at);
            case ESCALATED -> {
                if (ticket.tier() != before.tier() && !ticket.isResolved()) {
                    ledger.end(a -> a.type() == AlertType.ESCALATION, "escalated");
                    restart(ClockKind.RESOLUTION, at);
                    ledger.endClock(ClockKind.RESOLUTION, "clock_restarted", true);
                }
                if (!ticket.isResolved()) {
                    restart(ClockKind.HANDOFF_ACK, at);
                    ledger.endClock(ClockKind.HANDOFF_ACK, "clock_restarted", true);
                }
            }
            case ACKNOWLEDGED -> {
                finish(ClockKind.HANDOFF_ACK, ClockState.SATISFIED, at);
                ledger.endClock(ClockKind.HANDOFF_ACK, "handoff_acknowledged", true);
            }
            default -> {
                // other events do not move clocks; their triggers are checked by EventEscalations
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
                    clocks.put(c.kind(), c.pause(at, facts.calendar(c.calendar())));
                    ledger.endClock(c.kind(), "clock_paused", false);
                }
            }
            changed = true;
        } else if (from.pausesClocks() && !to.pausesClocks()) {
            for (SlaClock c : List.copyOf(clocks.values())) {
                clocks.put(c.kind(), c.resume(at, facts.calendar(c.calendar()), policy.warnFraction()));
            }
            changed = true;
        }
    }

    private void resolveAll(Instant at) {
        for (SlaClock c : List.copyOf(clocks.values())) {
            clocks.put(c.kind(), c.finish(c.kind() == ClockKind.RESOLUTION ? ClockState.SATISFIED : ClockState.STOPPED,
                    at, facts.calendar(c.calendar())));
        }
        ledger.stopAllChains();
        ledger.end(a -> true, "ticket_finished");
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
            clocks.put(kind, existing.finish(end, at, facts.calendar(existing.calendar())));
        }
        startNew(kind, at, existing == null ? 1 : existing.cycle() + 1, 0);
    }

    private void startNew(ClockKind kind, Instant at, int cycle, long alreadyConsumed) {
        Optional<PolicyDuration> target = policy.target(kind, ticket.severity(), ticket.tier());
        if (target.isEmpty()) {
            return;
        }
        String calendarName = facts.severityCalendarName();
        BusinessCalendar cal = facts.calendar(calendarName);
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
            clocks.put(kind, c.finish(end, at, facts.calendar(c.calendar())));
            changed = true;
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
