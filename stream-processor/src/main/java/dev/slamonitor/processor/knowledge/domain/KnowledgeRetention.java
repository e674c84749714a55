package dev.slamonitor.processor.knowledge.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the knowledge loop keeps a finished ticket: one that is resolved (and not reopened since)
 * and owes no RCA any more (published, never owed, or its RCA_OVERDUE alert already raised) is
 * forgotten {@code keep} of wall-clock time after it became finished or its last applied event.
 *
 * <p>Invariants: {@code keep} is positive; {@code forgetAt} is non-null exactly for finished tickets.
 * Pure: callers pass wall-clock {@code now}.
 */
public record KnowledgeRetention(Duration keep) {

    public KnowledgeRetention {
        if (keep == null || keep.isZero() || keep.isNegative()) {
            throw new IllegalArgumentException("knowledge ticket retention must be a positive duration: " + keep);
        }
    }

    /** Whether nothing more can happen to the ticket without a new event. */
    public static boolean isFinished(KnowledgeTicket t) {
        return t.resolvedAt() != null && (t.rcaDueAt() == null || t.rcaOverdueAlerted());
    }

    /**
     * The ticket after a step at {@code now}: a finished ticket forgets at {@code now + keep} when the
     * step touched it (an event) or it just became finished; an unfinished one has no {@code forgetAt}.
     */
    public KnowledgeTicket settle(KnowledgeTicket t, boolean touched, Instant now) {
        if (!isFinished(t)) {
            return t.forgetAt() == null ? t : KnowledgeTicketApplier.withForgetAt(t, null);
        }
        if (!touched && t.forgetAt() != null) {
            return t;
        }
        return KnowledgeTicketApplier.withForgetAt(t, now.plus(keep));
    }

    /** True when the ticket may be deleted at {@code now}: still finished and its {@code forgetAt} has come. */
    public boolean isExpired(KnowledgeTicket t, Instant now) {
        return t != null && isFinished(t) && t.forgetAt() != null && !now.isBefore(t.forgetAt());
    }
}
