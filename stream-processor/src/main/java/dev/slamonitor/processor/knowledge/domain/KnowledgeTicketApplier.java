package dev.slamonitor.processor.knowledge.domain;

import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.TicketEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one ticket event to the knowledge state of its ticket: handoff contract, tier moves,
 * resolutions and RCA bookkeeping. Pure: time comes in as arguments, never from a clock.
 *
 * <p>Order rules: the current tier is last-writer-wins by event time; a REOPENED only clears a
 * resolution that happened before it; every distinct ESCALATED counts as a tier move when it changes
 * tier, whatever its arrival order. Events already applied (same eventId among the last
 * {@link #REMEMBERED_EVENT_IDS}) change nothing.
 */
public final class KnowledgeTicketApplier {

    /** Bounded per-ticket memory of applied event ids; a ticket has few knowledge-relevant events. */
    public static final int REMEMBERED_EVENT_IDS = 64;
    private static final List<String> HANDOFF_FIELDS =
            List.of("summary", "stepsTaken", "reason", "impact", "customerExpectation");

    private KnowledgeTicketApplier() {
    }

    /** Whether the knowledge loop needs to look at an event of this type at all. */
    public static boolean isRelevant(TicketEvent e) {
        return switch (e.type()) {
            case TICKET_OPENED, SEVERITY_CHANGED, ESCALATED, RESOLVED, REOPENED, RCA_PUBLISHED -> true;
            default -> false;
        };
    }

    /** @param current the stored state, or null for a ticket the knowledge loop has not seen */
    public static TicketStep apply(KnowledgeTicket current, TicketEvent e, KnowledgePolicy policy) {
        KnowledgeTicket t = current == null ? KnowledgeTicket.empty(e.ticketId()) : current;
        if (t.recentEventIds().contains(e.eventId())) {
            return new TicketStep(t, List.of(), true);
        }
        List<Finding> findings = new ArrayList<>();
        Instant at = e.occurredAt();
        KnowledgeTicket next = switch (e.type()) {
            case TICKET_OPENED -> with(t).severity(e.severity() == null ? t.severity() : e.severity().wire())
                    .team(e.team()).customerId(e.customer() == null ? null : e.customer().id())
                    .tier(e.tier() == null || t.tierAt() != null ? t.tier() : e.tier().wire(), t.tierAt()).build();
            case SEVERITY_CHANGED -> with(t).severity(e.severity().wire()).build();
            case ESCALATED -> escalate(t, e, policy, findings);
            case RESOLVED -> resolve(t, e, findings);
            case REOPENED -> t.resolvedAt() != null && at.isAfter(t.resolvedAt())
                    ? with(t).resolvedAt(null).reopenedAt(at).build() : with(t).reopenedAt(max(t.reopenedAt(), at)).build();
            case RCA_PUBLISHED -> with(t).rcaPublishedAt(t.rcaPublishedAt() == null ? at : t.rcaPublishedAt()).build();
            default -> t;
        };
        return new TicketStep(withRcaDue(remember(next, e.eventId()), policy), List.copyOf(findings), false);
    }

    /**
     * The ticket with its RCA-overdue flag set if its RCA deadline has passed at {@code nowMs} and no
     * RCA was published; empty when nothing is due (a stale timer, or already alerted).
     */
    public static Optional<KnowledgeTicket> rcaOverdue(KnowledgeTicket t, long nowMs) {
        if (t == null || t.rcaDueAt() == null || t.rcaOverdueAlerted() || t.rcaDueAt().toEpochMilli() > nowMs) {
            return Optional.empty();
        }
        return Optional.of(with(t).rcaOverdueAlerted(true).build());
    }

    /** The handoff inputs an escalation lacks, by field name, in contract order. */
    public static List<String> missingHandoffFields(Handoff h) {
        if (h == null) {
            return HANDOFF_FIELDS;
        }
        List<String> missing = new ArrayList<>();
        if (blank(h.summary())) {
            missing.add("summary");
        }
        if (h.stepsTaken() == null || h.stepsTaken().stream().allMatch(KnowledgeTicketApplier::blank)) {
            missing.add("stepsTaken");
        }
        if (blank(h.reason())) {
            missing.add("reason");
        }
        if (blank(h.impact())) {
            missing.add("impact");
        }
        if (blank(h.customerExpectation())) {
            missing.add("customerExpectation");
        }
        return missing;
    }

    private static KnowledgeTicket escalate(KnowledgeTicket t, TicketEvent e, KnowledgePolicy policy,
                                            List<Finding> findings) {
        Instant at = e.occurredAt();
        String from = e.fromTier() != null ? e.fromTier().wire() : t.tier();
        String to = e.toTier().wire();
        List<String> missing = missingHandoffFields(e.handoff());
        if (!missing.isEmpty()) {
            findings.add(new Finding.HandoffIncomplete(e.eventId(), from, to, at, missing));
        }
        boolean moved = !to.equals(from);
        int moves = t.tierMoves() + (moved ? 1 : 0);
        boolean newest = t.tierAt() == null || !at.isBefore(t.tierAt());
        Builder b = with(t).escalated(true).tierMoves(moves);
        if (newest) {
            b.tier(to, at);
        }
        if (moves > policy.maxTierMoves() && !t.pingPongAlerted()) {
            findings.add(new Finding.PingPong(moves, policy.maxTierMoves(), at));
            b.pingPongAlerted(true);
        }
        return b.build();
    }

    private static KnowledgeTicket resolve(KnowledgeTicket t, TicketEvent e, List<Finding> findings) {
        Instant at = e.occurredAt();
        boolean current = t.reopenedAt() == null || at.isAfter(t.reopenedAt());
        findings.add(new Finding.Resolved(new ResolvedCause(t.ticketId(), e.eventId(), e.rootCause(), at, t.escalated(),
                e.sopUpdate() == null ? null : e.sopUpdate().version(),
                e.sopRejected() == null ? null : e.sopRejected().rationale(), t.severity(), t.tier(), t.team(),
                t.customerId())));
        if (!current) {
            return with(t).rootCause(t.rootCause() == null ? e.rootCause() : t.rootCause()).build();
        }
        boolean newResolution = t.resolvedAt() == null || at.isAfter(t.resolvedAt());
        Builder b = with(t).rootCause(e.rootCause());
        if (newResolution) {
            // a new resolution owes its own RCA deadline and may alert again
            b.resolvedAt(at).rcaDueAt(null).rcaOverdueAlerted(false);
        }
        return b.build();
    }

    private static KnowledgeTicket withRcaDue(KnowledgeTicket t, KnowledgePolicy policy) {
        boolean owed = t.escalated() && t.resolvedAt() != null && t.rcaPublishedAt() == null;
        if (!owed) {
            return t.rcaDueAt() == null ? t : with(t).rcaDueAt(null).build();
        }
        return t.rcaDueAt() != null ? t : with(t).rcaDueAt(t.resolvedAt().plus(policy.rcaDueDuration())).build();
    }

    /** The ticket with {@code forgetAt} set (package use by {@link KnowledgeRetention}). */
    static KnowledgeTicket withForgetAt(KnowledgeTicket t, Instant forgetAt) {
        return with(t).forgetAt(forgetAt).build();
    }

    private static KnowledgeTicket remember(KnowledgeTicket t, String eventId) {
        List<String> ids = new ArrayList<>(t.recentEventIds());
        ids.add(eventId);
        if (ids.size() > REMEMBERED_EVENT_IDS) {
            ids = ids.subList(ids.size() - REMEMBERED_EVENT_IDS, ids.size());
        }
        return with(t).recentEventIds(List.copyOf(ids)).build();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Builder with(KnowledgeTicket t) {
        return new Builder(t);
    }

    /** Copy-with helper that keeps the record immutable without a wither per field. */
    private static final class Builder {
        private final String ticketId;
        private String severity;
        private String team;
        private String customerId;
        private String tier;
        private Instant tierAt;
        private boolean escalated;
        private int tierMoves;
        private boolean pingPongAlerted;
        private Instant resolvedAt;
        private Instant reopenedAt;
        private String rootCause;
        private Instant rcaPublishedAt;
        private Instant rcaDueAt;
        private boolean rcaOverdueAlerted;
        private List<String> recentEventIds;
        private Instant forgetAt;

        Builder(KnowledgeTicket t) {
            ticketId = t.ticketId();
            severity = t.severity();
            team = t.team();
            customerId = t.customerId();
            tier = t.tier();
            tierAt = t.tierAt();
            escalated = t.escalated();
            tierMoves = t.tierMoves();
            pingPongAlerted = t.pingPongAlerted();
            resolvedAt = t.resolvedAt();
            reopenedAt = t.reopenedAt();
            rootCause = t.rootCause();
            rcaPublishedAt = t.rcaPublishedAt();
            rcaDueAt = t.rcaDueAt();
            rcaOverdueAlerted = t.rcaOverdueAlerted();
            recentEventIds = t.recentEventIds();
            forgetAt = t.forgetAt();
        }

        Builder severity(String v) { severity = v; return this; }
        Builder team(String v) { team = v; return this; }
        Builder customerId(String v) { customerId = v; return this; }
        Builder tier(String v, Instant at) { tier = v; tierAt = at; return this; }
        Builder escalated(boolean v) { escalated = v; return this; }
        Builder tierMoves(int v) { tierMoves = v; return this; }
        Builder pingPongAlerted(boolean v) { pingPongAlerted = v; return this; }
        Builder resolvedAt(Instant v) { resolvedAt = v; return this; }
        Builder reopenedAt(Instant v) { reopenedAt = v; return this; }
        Builder rootCause(String v) { rootCause = v; return this; }
        Builder rcaPublishedAt(Instant v) { rcaPublishedAt = v; return this; }
        Builder rcaDueAt(Instant v) { rcaDueAt = v; return this; }
        Builder rcaOverdueAlerted(boolean v) { rcaOverdueAlerted = v; return this; }
        Builder recentEventIds(List<String> v) { recentEventIds = v; return this; }
        Builder forgetAt(Instant v) { forgetAt = v; return this; }

        KnowledgeTicket build() {
            return new KnowledgeTicket(ticketId, severity, team, customerId, tier, tierAt, escalated, tierMoves,
                    pingPongAlerted, resolvedAt, reopenedAt, rootCause, rcaPublishedAt, rcaDueAt, rcaOverdueAlerted,
                    recentEventIds, forgetAt);
        }
    }
}
