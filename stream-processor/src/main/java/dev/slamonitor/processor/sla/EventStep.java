package dev.slamonitor.processor.sla;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.sla.domain.ApplyResult;
import dev.slamonitor.processor.sla.domain.SeenEvents;
import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TicketEventApplier;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import java.time.Instant;
import java.util.Set;

/**
 * One ticket event: de-duplicated by eventId against the ids the ticket remembers
 * ({@link SeenEvents}), applied to the facts ({@link TicketEventApplier}) and the clocks
 * ({@link SlaEngine#onEvent}), stored with its timer and published; an event that cannot apply is a
 * dead letter.
 */
final class EventStep {

    private static final JsonSerde<TicketEvent> EVENT_JSON = JsonSerde.of(TicketEvent.class);

    private final SlaSettings settings;
    private final TicketStateStore store;
    private final PolicyCatalogView policies;
    private final TicketOutputs outputs;

    EventStep(SlaSettings settings, TicketStateStore store, PolicyCatalogView policies, TicketOutputs outputs) {
        this.settings = settings;
        this.store = store;
        this.policies = policies;
        this.outputs = outputs;
    }

    /**
     * @param now        wall-clock time (when alerts fire)
     * @param streamTime the task's stream time: a very late event is still remembered for the full de-duplication retention
     */
    void apply(String ticketId, TicketEvent event, long timestamp, Instant now, long streamTime) {
        TrackedTicket tracked = store.get(ticketId);
        if (tracked != null && tracked.seen().contains(event.eventId())) {
            return; // a redelivered or re-published event changes nothing
        }
        Ticket before = tracked == null ? null : tracked.ticket();
        ApplyResult result = TicketEventApplier.apply(before, event);
        if (!result.isApplied()) {
            outputs.reject(ticketId, result.refusal(), result.detail(), EVENT_JSON.serializer().serialize(null, event), timestamp);
            return;
        }
        Ticket ticket = result.ticket();
        SlaState previous = tracked == null ? null : tracked.sla();
        SlaPolicy policy = policies.catalog().select(ticket);
        SlaEngine.Outcome outcome = SlaEngine.onEvent(previous, before, ticket, event, policy, settings.retention(), now);
        Set<String> superseded = outputs.superseded(previous, outcome);
        SeenEvents seen = (tracked == null ? SeenEvents.NONE : tracked.seen()).plus(
                event.eventId(), streamTime, settings.dedupRetention().toMillis(), settings.dedupMaxIds());
        store.put(ticketId, previous, new TrackedTicket(ticket, outcome.state(), seen), true);
        outputs.publish(ticketId, ticket, outcome, policy, now, timestamp, true, null, superseded);
    }
}
