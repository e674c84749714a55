package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.kernel.InputWatermark;
import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import java.time.Instant;
import java.util.Set;

/**
 * A ticket's due timer, held until the input is applied: a due timer fires only up to the
 * {@link InputWatermark} (the instant up to which every input record in Kafka is applied), so an
 * answer or pause already in Kafka before the deadline always counts first. A timer waits as long as
 * the watermark keeps advancing (a backlog being applied); only when the watermark stood still for
 * {@code sla.timer.hold.max} (from its last move or the task's start) do timers due that long ago
 * fire anyway ({@code slamon.timers.forced}). The ticket is evaluated "as of" that bound
 * ({@link SlaEngine#onTimer(SlaState, Ticket, SlaPolicy, dev.slamonitor.processor.sla.domain.TicketRetention, Instant, Instant)}),
 * or forgotten when its retention ended ({@link RetentionStep}). See docs/adr/0008-timers-wait-for-input.md.
 */
final class TimerStep {

    private final SlaSettings settings;
    private final InputWatermark inputWatermark;
    private final TicketStateStore store;
    private final PolicyCatalogView policies;
    private final TicketOutputs outputs;
    private final RetentionStep retention;
    private final SlaMeters meters;
    private final long taskStartedAt;
    private long confirmed;
    /** The last input watermark seen, and the wall-clock instant it last moved (for the bounded wait). */
    private long lastWatermark = Long.MIN_VALUE;
    private long watermarkMovedAt = Long.MIN_VALUE;
    private Instant until = Instant.EPOCH;

    TimerStep(SlaSettings settings, InputWatermark inputWatermark, TicketStateStore store, PolicyCatalogView policies,
              TicketOutputs outputs, RetentionStep retention, SlaMeters meters, long taskStartedAt) {
        this.settings = settings;
        this.inputWatermark = inputWatermark;
        this.store = store;
        this.policies = policies;
        this.outputs = outputs;
        this.retention = retention;
        this.meters = meters;
        this.taskStartedAt = taskStartedAt;
    }

    /**
     * The latest deadline that may fire now: what the input watermark confirms, or, once the watermark
     * stood still for {@code sla.timer.hold.max} (and this task has run that long), every deadline at
     * least that old. A watermark that advances means the backlog is being applied: waiting for it
     * costs lateness, firing before it would risk a false page.
     */
    long fireUpTo(long nowMs) {
        confirmed = inputWatermark.processedUpTo();
        if (confirmed != lastWatermark) {
            lastWatermark = confirmed;
            watermarkMovedAt = nowMs;
        }
        long hold = settings.timerHoldMax().toMillis();
        long stillSince = Math.max(taskStartedAt, watermarkMovedAt);
        long forced = nowMs - stillSince >= hold ? nowMs - hold : Long.MIN_VALUE;
        long upTo = Math.max(0, Math.max(Math.min(nowMs, confirmed), forced));
        until = Instant.ofEpochMilli(upTo);
        return upTo;
    }

    /** The bound of this punctuation's evaluation (the policy sweep uses it too). */
    Instant until() {
        return until;
    }

    /** One due index entry (already taken out of the index). */
    void onDue(String ticketId, long deadlineMs, long nowMs) {
        if (deadlineMs > confirmed) {
            meters.timersForced.increment();
        }
        TrackedTicket tracked = store.get(ticketId);
        SlaState state = tracked == null ? null : tracked.sla();
        if (state == null || state.wakeAt() == null || state.wakeAt().toEpochMilli() != deadlineMs) {
            return; // a stale index entry: the state moved on (the index is a hint, the state is the truth)
        }
        if (retention.forgetIfExpired(ticketId, tracked, until, nowMs)) {
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMs);
        Ticket ticket = tracked.ticket();
        SlaPolicy policy = policies.catalog().select(ticket);
        SlaEngine.Outcome outcome = SlaEngine.onTimer(state, ticket, policy, settings.retention(), until, now);
        Set<String> superseded = outputs.superseded(state, outcome);
        store.put(ticketId, state, tracked.withSla(outcome.state()), false);
        outputs.publish(ticketId, ticket, outcome, policy, now, nowMs, outcome.changed(), Instant.ofEpochMilli(deadlineMs),
                superseded);
    }
}
