package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.state.AckView;
import java.time.Instant;
import java.util.List;

/**
 * A mutable working copy of one ticket's {@link SlaState} for the duration of one step of the
 * {@link SlaEngine}. Not shared, not stored: {@link #outcome()} turns it back into an immutable state.
 * It holds the step's pieces together and delegates each job to its own class: {@link ClockMoves}
 * (what facts and events mean for the clocks), {@link EventEscalations} (event-driven escalations),
 * {@link DueAlerts} (warnings, deadlines and re-notifications that time made due) and
 * {@link AlertLedger} (which alerts go out, their lifecycle and acknowledgements).
 *
 * <p>Alert lifecycle: each WARNING, BREACH and ESCALATION is a condition with a key (its own id);
 * re-notifications carry the key of their root, an acknowledgement publishes ACKNOWLEDGED under it,
 * and the end of the condition publishes RESOLVED under it, once (the stored {@code resolvedAt} is
 * the guard). Which event ends which condition is the table in docs/sla-engine.md ("Alert lifecycle").
 */
final class SlaRun {

    private final StepFacts facts;
    private String policyId;
    private int policyVersion;
    private final ClockBook clocks;
    private final SlaHistory history;
    private final AlertLedger ledger;
    private final ClockMoves moves;
    private HandoffNote handoff;
    private boolean changed;

    SlaRun(SlaState state, Ticket ticket, SlaPolicy policy, Instant now) {
        this.facts = new StepFacts(ticket, policy, now);
        this.policyId = state.policyId();
        this.policyVersion = state.policyVersion();
        this.clocks = new ClockBook(state.clocks());
        this.history = state.history();
        this.ledger = new AlertLedger(facts, state);
        this.moves = new ClockMoves(facts, clocks, ledger);
        this.handoff = state.handoff();
    }

    SlaEngine.Outcome outcome() {
        SlaState state = new SlaState(policyId, policyVersion, clocks.snapshot(), ledger.raised(), ledger.acks(),
                handoff, nextWake(), null, clocks.addedTo(history));
        List<Alert> emitted = ledger.emitted();
        return new SlaEngine.Outcome(state, emitted, changed || moves.changed() || ledger.changed() || !emitted.isEmpty());
    }

    /** Applies the current policy (and the ticket's current severity) to every active clock from {@code at} on. */
    void retargetAll(Instant at) {
        // the conditions a stopped clock ends are resolved under the policy they were raised under
        moves.retargetAll(at);
        policyId = facts.policy().id();
        policyVersion = facts.policy().version();
        ledger.underPolicy(policyId, policyVersion);
        changed = true;
    }

    /** Starts every clock the ticket should have and never had, from the ticket's own facts. */
    void ensureClocks() {
        moves.ensureClocks();
    }

    /** Applies what one event means for the clocks and the handoff note (state existed before the event). */
    void applyEvent(Ticket before, TicketEvent e, Instant at) {
        if (e.type() == EventType.ESCALATED && e.handoff() != null) {
            handoff = HandoffNote.of(at, e.fromTier(), e.toTier(), e.handoff());
            changed = true;
        }
        moves.applyEvent(before, e, at);
    }

    /** Event-driven automatic escalations: VIP account, customer replies without answer, low CSAT. */
    void triggers(Ticket before, TicketEvent e) {
        new EventEscalations(facts, ledger, handoff).triggers(before, e);
    }

    /** Fires everything due at or before {@code until}: warnings, deadlines, re-notifications. */
    void advance(Instant until) {
        new DueAlerts(facts, clocks, ledger, handoff).advance(until);
    }

    /** @return false if the ticket has no such alert */
    boolean acknowledge(String alertId, AckView ack) {
        return ledger.acknowledge(alertId, ack);
    }

    private Instant nextWake() {
        Instant next = null;
        for (SlaClock c : clocks.values()) {
            next = earliest(next, c.nextDue());
        }
        return earliest(next, ledger.nextRenotifyAt());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }
}
