package dev.slamonitor.processor.sla.model;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately simple reference model of the SLA rules, written from docs/sla-engine.md and not
 * from the engine: time is whole minutes, a clock consumes one minute of business time for every
 * open minute of its calendar ({@link ModelCalendars}) while it runs, and a deadline is found by
 * stepping minute by minute until the consumed time reaches the target. It shares no code with the
 * engine but the event and enum types of the contract.
 *
 * <p>Rules (docs, "Clocks"): which event starts, satisfies, stops, restarts and pauses which clock;
 * a clock fires when it is due at a timer check (punctuation) or before an event is applied; only
 * what is due at or before min(event time, now) fires before an event; when both the warning and
 * the deadline of a clock are due at one check, only the deadline fires; unacknowledged BREACH and
 * ESCALATION alerts re-notify every interval of business time from when they fired, up to the max
 * level; an acknowledgement stops every chain of the same clock cycle; resolution stops all chains.
 */
public final class ReferenceModel {

    private static final String[] KINDS = {"first_response", "resolution", "customer_update", "handoff_ack", "no_update",
            "management_notice"};

    /** One cycle of one clock, in minutes of the model's span. */
    private static final class Clock {
        final String kind;
        String state = "RUNNING";
        final int cycle;
        final int startedAt;
        int segStart;
        int consumed;
        int target;
        ModelCalendars.Def cal;
        final SupportTier tier;
        boolean warned;
        Integer breachedAt;

        Clock(String kind, int cycle, int startedAt, int target, ModelCalendars.Def cal, SupportTier tier) {
            this.kind = kind;
            this.cycle = cycle;
            this.startedAt = startedAt;
            this.segStart = startedAt;
            this.target = target;
            this.cal = cal;
            this.tier = tier;
        }

        /** Memo of the last deadline / warning walk, keyed by what they depend on (the walks are the slow part). */
        private int memoSeg = Integer.MIN_VALUE;
        private int memoConsumed;
        private int memoTarget;
        private ModelCalendars.Def memoCal;
        private int memoDeadline;
        private int memoWarn;

        boolean active() {
            return state.equals("RUNNING") || state.equals("PAUSED");
        }

        boolean memoValid() {
            return memoSeg == segStart && memoConsumed == consumed && memoTarget == target && memoCal == cal;
        }
    }

    /** A BREACH or ESCALATION (or a re-notification of one) as the model remembers it. */
    private static final class Raised {
        final String type;
        final String clock;
        final int deadline;
        final String trigger;
        final int firedAt;
        final ModelCalendars.Def cal;
        boolean acked;
        Integer renotifyAt;
        int level;

        Raised(String type, String clock, int deadline, String trigger, int firedAt, ModelCalendars.Def cal) {
            this.type = type;
            this.clock = clock;
            this.deadline = deadline;
            this.trigger = trigger;
            this.firedAt = firedAt;
            this.cal = cal;
        }
    }

    private final ZoneId zone;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, Clock> clocks = new LinkedHashMap<>();
    private final List<Raised> roots = new ArrayList<>();
    private final List<String> out = new ArrayList<>();
    /** Warnings sent, by clock cycle and deadline: an alert is identified by them and never sent twice (docs, Alerts). */
    private final Set<String> warningsSent = new HashSet<>();
    private boolean opened;
    private TicketStatus status;
    private int statusAt;
    private Severity severity;
    private int severityAt;
    private SupportTier tier;
    private int tierAt;
    private int openedAt;
    private int agentReplies;
    private Integer lastAgentAt;

    private ReferenceModel(ZoneId zone) {
        this.zone = zone;
    }

    /** Runs one history against the wall-clock instants at which timers are checked. */
    public static ModelResult run(History h, List<Instant> punctuations) {
        ReferenceModel m = new ReferenceModel(h.zone());
        TreeMap<Instant, Boolean> checks = new TreeMap<>();
        for (Instant p : punctuations) {
            if (!p.isBefore(h.start()) && !p.isAfter(h.end())) {
                checks.put(p, true);
            }
        }
        int next = 0;
        for (Map.Entry<Instant, Boolean> check : checks.entrySet()) {
            while (next < h.steps().size() && h.steps().get(next).wall().isBefore(check.getKey())) {
                m.step(h.steps().get(next++));
            }
            m.fireDue(ModelCalendars.minute(check.getKey()), ModelCalendars.minute(check.getKey()));
            while (next < h.steps().size() && h.steps().get(next).wall().equals(check.getKey())) {
                m.step(h.steps().get(next++));
            }
        }
        while (next < h.steps().size()) {
            m.step(h.steps().get(next++));
        }
        return m.result();
    }

    private void step(History.Step s) {
        int now = ModelCalendars.minute(s.wall());
        if (s.isAck()) {
            acknowledge(s.ackRank());
        } else {
            event(s.event(), now);
        }
    }

    // ---- events ---------------------------------------------------------------------------------

    private void event(TicketEvent e, int now) {
        if (!seen.add(e.eventId())) {
            return; // a duplicate changes nothing
        }
        int at = ModelCalendars.minute(e.occurredAt());
        if (!opened) {
            if (e.type() != dev.slamonitor.event.EventType.TICKET_OPENED) {
                return; // a dead letter: the ticket was never opened
            }
            opened = true;
            status = TicketStatus.OPEN;
            statusAt = at;
            severity = e.severity();
            severityAt = at;
            tier = e.tier() == null ? SupportTier.L1 : e.tier();
            tierAt = at;
            openedAt = at;
            ensureClocks();
            fireDue(Math.min(at, now), now);
            return;
        }
        int until = Math.min(at, now);
        fireDue(until, now);
        TicketStatus statusBefore = status;
        Severity severityBefore = severity;
        SupportTier tierBefore = tier;
        switch (e.type()) {
            case AGENT_REPLIED -> {
                agentReplies++;
                lastAgentAt = lastAgentAt == null ? at : Math.max(lastAgentAt, at);
            }
            case STATUS_CHANGED -> setStatus(e.status(), at);
            case RESOLVED -> setStatus(TicketStatus.SOLVED, at);
            case REOPENED -> setStatus(TicketStatus.OPEN, at);
            case SEVERITY_CHANGED -> {
                if (at >= severityAt) {
                    severity = e.severity();
                    severityAt = at;
                }
            }
            case ESCALATED -> {
                if (at >= tierAt && e.toTier() != tier) {
                    tier = e.toTier();
                    tierAt = at;
                }
            }
            default -> {
            }
        }
        if (severity != severityBefore) {
            retargetAll(at);
        }
        switch (e.type()) {
            case AGENT_REPLIED -> {
                satisfy("first_response", at);
                endChains(r -> r.clock.equals("first_response"));
                if (!resolved()) {
                    restart("customer_update", at);
                    restart("no_update", at);
                    endChains(r -> r.clock.equals("customer_update") || r.clock.equals("no_update"));
                }
            }
            case STATUS_CHANGED, RESOLVED, REOPENED -> statusMoved(statusBefore, status, at);
            case ESCALATED -> {
                if (tier != tierBefore && !resolved()) {
                    restart("resolution", at);
                    endChains(r -> r.type.equals("ESCALATION") || r.clock.equals("resolution"));
                }
                if (!resolved()) {
                    restart("handoff_ack", at);
                    endChains(r -> r.clock.equals("handoff_ack"));
                }
            }
            case ACKNOWLEDGED -> {
                satisfy("handoff_ack", at);
                endChains(r -> r.clock.equals("handoff_ack"));
            }
            default -> {
            }
        }
        ensureClocks();
        fireDue(until, now);
    }

    private void setStatus(TicketStatus s, int at) {
        if (at >= statusAt) {
            status = s;
            statusAt = at;
        }
    }

    private boolean resolved() {
        return status.isTerminal();
    }

    private void statusMoved(TicketStatus from, TicketStatus to, int at) {
        if (from == to) {
            return;
        }
        if (to.isTerminal() && !from.isTerminal()) {
            for (Clock c : clocks.values()) {
                if (c.active()) {
                    stop(c, c.kind.equals("resolution") ? "SATISFIED" : "STOPPED", at);
                }
            }
            roots.forEach(r -> r.renotifyAt = null);
        } else if (from.isTerminal() && !to.isTerminal()) {
            restart("resolution", at);
            if (agentReplies > 0) {
                restart("customer_update", at);
            }
            restart("no_update", at);
            Clock notice = clocks.get("management_notice");
            if (notice != null && notice.state.equals("STOPPED")) {
                Integer target = target("management_notice");
                if (target != null) {
                    Clock c = new Clock("management_notice", notice.cycle + 1, at, target, calendar(), tier);
                    c.consumed = notice.consumed;
                    begin(c, at);
                }
            }
        } else if (to.pausesClocks() && !from.pausesClocks()) {
            // a pause ends the clock's warning and breach (not its escalation): no more re-notifications
            endChains(r -> pausable(r.clock) && !r.type.equals("ESCALATION"));
            for (Clock c : clocks.values()) {
                if (pausable(c.kind) && c.state.equals("RUNNING")) {
                    c.consumed += openMinutes(c.cal, c.segStart, at);
                    c.segStart = Math.max(c.segStart, at);
                    c.state = "PAUSED";
                }
            }
        } else if (from.pausesClocks() && !to.pausesClocks()) {
            for (Clock c : clocks.values()) {
                if (c.state.equals("PAUSED")) {
                    c.state = "RUNNING";
                    c.segStart = Math.max(c.segStart, at);
                }
            }
        }
    }

    private void retargetAll(int at) {
        ModelCalendars.Def cal = calendar();
        for (Clock c : List.copyOf(clocks.values())) {
            if (!c.active()) {
                continue;
            }
            Integer target = targetFor(c.kind, c.tier);
            if (target == null) {
                stop(c, "STOPPED", at);
                continue;
            }
            if (c.state.equals("RUNNING")) {
                c.consumed += openMinutes(c.cal, c.segStart, at);
                c.segStart = Math.max(c.segStart, at);
            }
            c.target = target;
            c.cal = cal;
            if (c.warned && c.consumed < warnMinutes(c)) {
                c.warned = false;
            }
        }
    }

    private void ensureClocks() {
        if (resolved()) {
            return;
        }
        if (agentReplies == 0) {
            startIfNever("first_response", openedAt);
        }
        startIfNever("resolution", tierAt);
        if (agentReplies > 0) {
            startIfNever("customer_update", lastAgentAt);
        }
        startIfNever("no_update", lastAgentAt == null ? openedAt : Math.max(openedAt, lastAgentAt));
        startIfNever("management_notice", openedAt);
    }

    private void startIfNever(String kind, int at) {
        if (!clocks.containsKey(kind)) {
            startCycle(kind, 1, at);
        }
    }

    /** A new cycle from {@code at}; ignored when the running cycle started later (a stale event). */
    private void restart(String kind, int at) {
        Clock old = clocks.get(kind);
        if (old != null && old.startedAt > at) {
            return;
        }
        if (old != null && old.active()) {
            stop(old, "STOPPED", at);
        }
        startCycle(kind, old == null ? 1 : old.cycle + 1, at);
    }

    private void startCycle(String kind, int cycle, int at) {
        Integer target = target(kind);
        if (target == null) {
            return;
        }
        begin(new Clock(kind, cycle, at, target, calendar(), tier), at);
    }

    /** A clock that starts while the ticket is paused runs from its start to the pause (if the pause began later). */
    private void begin(Clock c, int at) {
        if (pausable(c.kind) && status.pausesClocks()) {
            int pausedFrom = Math.max(at, statusAt);
            c.consumed += openMinutes(c.cal, at, pausedFrom);
            c.state = "PAUSED";
            c.segStart = pausedFrom;
        }
        clocks.put(c.kind, c);
    }

    private void satisfy(String kind, int at) {
        Clock c = clocks.get(kind);
        if (c != null && c.active()) {
            stop(c, "SATISFIED", at);
        }
    }

    private void stop(Clock c, String end, int at) {
        if (c.state.equals("RUNNING")) {
            c.consumed += openMinutes(c.cal, c.segStart, at);
            c.segStart = Math.max(c.segStart, at);
        }
        c.state = end;
    }

    // ---- timers ---------------------------------------------------------------------------------

    /** Fires everything due at or before {@code until}; {@code now} is the wall-clock minute (re-notify base). */
    private void fireDue(int until, int now) {
        boolean fired = true;
        while (fired) {
            fired = false;
            for (String kind : KINDS) {
                Clock c = clocks.get(kind);
                if (c == null || !c.state.equals("RUNNING")) {
                    continue;
                }
                memo(c);
                int deadline = c.memoDeadline;
                if (deadline <= until) {
                    breach(c, deadline, now);
                    fired = true;
                } else if (slaTarget(kind) && !c.warned) {
                    if (c.memoWarn <= until) {
                        c.warned = true;
                        if (warningsSent.add(kind + ":" + c.cycle + ":" + deadline)) {
                            out.add("WARNING " + kind + " " + ModelCalendars.instant(deadline) + " L0");
                        }
                        fired = true;
                    }
                }
            }
            for (Raised r : List.copyOf(roots)) {
                if (r.renotifyAt != null && r.renotifyAt <= until) {
                    r.level++;
                    r.renotifyAt = r.level >= PropertyPolicy.RENOTIFY_MAX_LEVEL ? null
                            : walk(r.cal, now, PropertyPolicy.RENOTIFY_MINUTES);
                    out.add("RENOTIFY " + r.clock + " " + ModelCalendars.instant(r.deadline) + " L" + r.level);
                    fired = true;
                }
            }
        }
    }

    private void breach(Clock c, int deadline, int now) {
        c.consumed = c.target;
        c.segStart = deadline;
        c.state = "BREACHED";
        c.breachedAt = deadline;
        c.warned = true;
        String trigger = c.kind + ":" + c.cycle;
        // one page per incident: a breach that also escalates is re-notified through its escalation only
        boolean escalates = !c.kind.equals("first_response") && !c.kind.equals("customer_update");
        if (slaTarget(c.kind)) {
            raise("BREACH", c, deadline, trigger, now, !escalates);
        }
        if (escalates) {
            raise("ESCALATION", c, deadline, trigger, now, true);
        }
    }

    private void raise(String type, Clock c, int deadline, String trigger, int now, boolean pages) {
        Raised r = new Raised(type, c.kind, deadline, trigger, now, c.cal);
        if (pages && PropertyPolicy.RENOTIFY_MAX_LEVEL > 0 && !resolved()) {
            r.renotifyAt = walk(c.cal, now, PropertyPolicy.RENOTIFY_MINUTES);
        }
        roots.add(r);
        out.add(type + " " + c.kind + " " + ModelCalendars.instant(deadline) + " L0");
    }

    /**
     * Ends the re-notify chains of the conditions that ended (docs/sla-engine.md, "Alert lifecycle"):
     * a resolved condition never pages again, acknowledged or not.
     */
    private void endChains(java.util.function.Predicate<Raised> ended) {
        roots.stream().filter(ended).forEach(r -> r.renotifyAt = null);
    }

    /** Acknowledges the rank-th root alert in (deadline, type, clock) order; stops the chains of its clock cycle. */
    private void acknowledge(int rank) {
        List<Raised> ordered = new ArrayList<>(roots);
        ordered.sort(java.util.Comparator.comparingInt((Raised r) -> r.deadline).thenComparing(r -> r.type)
                .thenComparing(r -> r.clock));
        if (rank >= ordered.size()) {
            return;
        }
        String trigger = ordered.get(rank).trigger;
        for (Raised r : roots) {
            if (r.trigger.equals(trigger)) {
                r.acked = true;
                r.renotifyAt = null;
            }
        }
    }

    private void memo(Clock c) {
        if (!c.memoValid()) {
            c.memoDeadline = walk(c.cal, c.segStart, c.target - c.consumed);
            c.memoWarn = walk(c.cal, c.segStart, warnMinutes(c) - c.consumed);
            c.memoSeg = c.segStart;
            c.memoConsumed = c.consumed;
            c.memoTarget = c.target;
            c.memoCal = c.cal;
        }
    }

    // ---- calendar arithmetic by stepping minutes ------------------------------------------------

    /** The instant (minute) at which {@code need} more open minutes have passed after {@code from}; from itself if none needed. */
    private int walk(ModelCalendars.Def cal, int from, int need) {
        int m = from;
        int got = 0;
        while (got < need) {
            if (ModelCalendars.open(cal, zone, m)) {
                got++;
            }
            m++;
        }
        return m;
    }

    private int openMinutes(ModelCalendars.Def cal, int from, int to) {
        int n = 0;
        for (int m = from; m < to; m++) {
            if (ModelCalendars.open(cal, zone, m)) {
                n++;
            }
        }
        return n;
    }

    // ---- policy -------------------------------------------------------------------------------

    private ModelCalendars.Def calendar() {
        return PropertyPolicy.calendar(severity);
    }

    private Integer target(String kind) {
        return targetFor(kind, tier);
    }

    private Integer targetFor(String kind, SupportTier clockTier) {
        return switch (kind) {
            case "first_response" -> PropertyPolicy.firstResponse(severity);
            case "resolution" -> clockTier == SupportTier.MANAGEMENT ? null : PropertyPolicy.tierLimit(severity, clockTier);
            case "customer_update" -> PropertyPolicy.customerUpdate(severity);
            case "handoff_ack" -> PropertyPolicy.HANDOFF_ACK_MINUTES;
            case "no_update" -> PropertyPolicy.noUpdate(severity);
            default -> PropertyPolicy.tierLimit(severity, SupportTier.MANAGEMENT);
        };
    }

    private static int warnMinutes(Clock c) {
        return (int) Math.floor(c.target * PropertyPolicy.WARN_FRACTION);
    }

    private static boolean pausable(String kind) {
        return !kind.equals("handoff_ack");
    }

    private static boolean slaTarget(String kind) {
        return !kind.equals("no_update") && !kind.equals("management_notice");
    }

    private ModelResult result() {
        Map<String, String> states = new TreeMap<>();
        for (Clock c : clocks.values()) {
            Integer deadline = c.state.equals("RUNNING") ? Integer.valueOf(walk(c.cal, c.segStart, c.target - c.consumed))
                    : c.state.equals("BREACHED") ? c.breachedAt : null;
            states.put(c.kind, c.state + " " + ModelCalendars.instant(c.startedAt) + " "
                    + (deadline == null ? "-" : ModelCalendars.instant(deadline)));
        }
        List<String> alerts = new ArrayList<>(out);
        alerts.sort(null);
        return new ModelResult(alerts, states);
    }
}
