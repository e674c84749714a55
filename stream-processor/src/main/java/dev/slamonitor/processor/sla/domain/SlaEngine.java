package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.state.AckView;
import java.time.Instant;
import java.util.List;

/**
 * The SLA rules as pure functions over a ticket's {@link SlaState}. No clock of its own: callers
 * pass event time (for what an event means) and wall-clock {@code now} (for when alerts fire), so
 * the same inputs always give the same state and the same deterministic alert ids.
 *
 * <p>Alerts are derived from stored deadlines compared with time ("deadline &lt;= now"), never from
 * counting timer calls, so a late or skipped punctuation, or a restart, only delays an alert and
 * never loses or repeats it: the state records each alert id it emitted.
 *
 * <p>Retention: every step ends by settling the wake-up. A terminal ticket with nothing pending
 * wakes up when its {@link TicketRetention} ends; an event or acknowledgement restarts that period,
 * a timer step does not. {@link #isExpired} says whether a ticket whose timer came due may be forgotten.
 */
public final class SlaEngine {

    /** A new state, the alerts to publish, and whether anything changed (publish a snapshot). */
    public record Outcome(SlaState state, List<Alert> alerts, boolean changed) {
    }

    /** A new state after an acknowledgement (and the ACKNOWLEDGED records to publish), or why it was refused. */
    public record AckOutcome(SlaState state, String refusal, boolean changed, List<Alert> alerts) {
    }

    private SlaEngine() {
    }

    /**
     * One applied ticket event. Deadlines that passed before the event happened fire first (a reply
     * after the deadline does not hide the breach), then the event moves the clocks at its event
     * time, then event-driven triggers fire.
     *
     * @param current null for a ticket the engine has not seen (opened now, or before the engine ran)
     * @param before  the ticket before the event, null if the event opened it
     */
    public static Outcome onEvent(SlaState current, Ticket before, Ticket after, TicketEvent event, SlaPolicy policy,
                                  TicketRetention retention, Instant now) {
        Instant at = event.occurredAt();
        Instant until = at.isBefore(now) ? at : now;
        SlaRun run = new SlaRun(current == null ? SlaState.empty(policy) : current, after, policy, now);
        if (current != null) {
            run.advance(until);
            boolean severityChanged = before != null && before.severity() != after.severity();
            if (!current.isPolicy(policy) || severityChanged) {
                run.retargetAll(at);
            }
            run.applyEvent(before, event, at);
        }
        run.ensureClocks();
        run.triggers(before, event);
        run.advance(until);
        return settle(run.outcome(), current, after, retention, true, now);
    }

    /** The ticket's timer came due (or the policy catalog changed): applies a new policy, fires what is due. */
    public static Outcome onTimer(SlaState current, Ticket ticket, SlaPolicy policy, TicketRetention retention,
                                  Instant now) {
        return onTimer(current, ticket, policy, retention, now, now);
    }

    /**
     * Like {@link #onTimer(SlaState, Ticket, SlaPolicy, TicketRetention, Instant)}, but fires only what
     * was due by {@code until} (at most {@code now}), stamped {@code now}: the caller knows the input up
     * to {@code until} is applied, and what came due after it waits until the input is known to be.
     */
    public static Outcome onTimer(SlaState current, Ticket ticket, SlaPolicy policy, TicketRetention retention,
                                  Instant until, Instant now) {
        SlaRun run = new SlaRun(current, ticket, policy, now);
        if (!current.isPolicy(policy)) {
            run.retargetAll(now);
            run.ensureClocks();
        }
        run.advance(until.isAfter(now) ? now : until);
        return settle(run.outcome(), current, ticket, retention, false, now);
    }

    /**
     * An acknowledgement of one of the ticket's alerts: stops the re-notify chain of that alert and
     * of every alert with the same trigger. Acknowledging twice changes nothing.
     */
    public static AckOutcome onAck(SlaState current, Ticket ticket, SlaPolicy policy, AlertAck ack,
                                   TicketRetention retention, Instant now) {
        SlaRun run = new SlaRun(current, ticket, policy, now);
        if (!run.acknowledge(ack.alertId(), new AckView(ack.alertId(), ack.by(), ack.note(), ack.at() == null ? now : ack.at()))) {
            return new AckOutcome(current, "ticket " + ticket.ticketId() + " has no alert " + ack.alertId(), false, List.of());
        }
        Outcome acknowledged = run.outcome();
        // Only an acknowledgement that changed something counts as a touch (acknowledging twice changes nothing).
        Outcome outcome = settle(acknowledged, current, ticket, retention, acknowledged.changed(), now);
        return new AckOutcome(outcome.state(), null, outcome.changed(), outcome.alerts());
    }

    /**
     * True when a ticket whose timer came due at {@code now} is finished and untouched for the whole
     * retention, so its state may be deleted (nothing else is pending for it by construction).
     */
    public static boolean isExpired(SlaState state, Ticket ticket, TicketRetention retention, Instant now) {
        return retention.isExpired(ticket, state, now);
    }

    /** Sets the wake-up: the earliest pending instant, or, for a resting terminal ticket, the end of its retention. */
    private static Outcome settle(Outcome outcome, SlaState previous, Ticket ticket, TicketRetention retention,
                                  boolean touched, Instant now) {
        SlaState state = outcome.state();
        TicketRetention.Resting resting = retention.settle(ticket, state.wakeAt(), previous, touched, now);
        // Resting is not part of the published snapshot, so it does not make a step "changed" by itself.
        return new Outcome(state.withWake(resting.wakeAt(), resting.since()), outcome.alerts(), outcome.changed());
    }
}
