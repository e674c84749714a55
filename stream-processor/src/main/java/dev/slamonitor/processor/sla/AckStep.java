package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import java.time.Instant;
import java.util.Set;

/**
 * One acknowledgement of a ticket's alert ({@link SlaEngine#onAck}): it stops the re-notify chain of
 * the alert and of every alert of the same trigger. An ack for an unknown ticket or alert is a dead
 * letter {@code INVALID_ACK}; acknowledging twice changes nothing and publishes nothing.
 */
final class AckStep {

    private final SlaSettings settings;
    private final TicketStateStore store;
    private final PolicyCatalogView policies;
    private final TicketOutputs outputs;

    AckStep(SlaSettings settings, TicketStateStore store, PolicyCatalogView policies, TicketOutputs outputs) {
        this.settings = settings;
        this.store = store;
        this.policies = policies;
        this.outputs = outputs;
    }

    void apply(String ticketId, TicketInput input, long timestamp, Instant now) {
        AlertAck ack = input.ack();
        TrackedTicket tracked = store.get(ticketId);
        if (tracked == null) {
            outputs.reject(ticketId, DeadLetterReason.INVALID_ACK,
                    "ticket " + ticketId + " is unknown; cannot acknowledge alert " + ack.alertId(), input.raw(), timestamp);
            return;
        }
        Ticket ticket = tracked.ticket();
        SlaPolicy policy = policies.catalog().select(ticket);
        SlaEngine.AckOutcome outcome = SlaEngine.onAck(tracked.sla(), ticket, policy, ack, settings.retention(), now);
        if (outcome.refusal() != null) {
            outputs.reject(ticketId, DeadLetterReason.INVALID_ACK, outcome.refusal(), input.raw(), timestamp);
            return;
        }
        if (outcome.changed()) {
            store.put(ticketId, tracked.sla(), tracked.withSla(outcome.state()), true);
            outputs.publish(ticketId, ticket, new SlaEngine.Outcome(outcome.state(), outcome.alerts(), true), policy, now,
                    timestamp, true, null, Set.of());
        }
    }
}
