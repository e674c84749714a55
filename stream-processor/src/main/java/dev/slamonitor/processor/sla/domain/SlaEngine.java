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
 */
public final class SlaEngine {

    /** A new state, the alerts to publish, and whether anything changed (publish a snapshot). */
    public record Outcome(SlaState state, List<Alert> alerts, boolean changed) {
    }

    /** A new state after an acknowledgement, or why it was refused. */
    public record AckOutcome(SlaState state, String refusal, boolean changed) {
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
                                  Instant now) {
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
        return run.outcome();
    }

    /** The ticket's timer came due (or the policy catalog changed): applies a new policy, fires what is due. */
    public static Outcome onTimer(SlaState current, Ticket ticket, SlaPolicy policy, Instant now) {
        SlaRun run = new SlaRun(current, ticket, policy, now);
        if (!current.isPolicy(policy)) {
            run.retargetAll(now);
            run.ensureClocks();
        }
        run.advance(now);
        return run.outcome();
    }

    /**
     * An acknowledgement of one of the ticket's alerts: stops the re-notify chain of that alert and
     * of every alert with the same trigger. Acknowledging twice changes nothing.
     */
    public static AckOutcome onAck(SlaState current, Ticket ticket, SlaPolicy policy, AlertAck ack, Instant now) {
        SlaRun run = new SlaRun(current, ticket, policy, now);
        if (!run.acknowledge(ack.alertId(), new AckView(ack.alertId(), ack.by(), ack.note(), ack.at() == null ? now : ack.at()))) {
            return new AckOutcome(current, "ticket " + ticket.ticketId() + " has no alert " + ack.alertId(), false);
        }
        Outcome outcome = run.outcome();
        return new AckOutcome(outcome.state(), null, outcome.changed());
    }
}
