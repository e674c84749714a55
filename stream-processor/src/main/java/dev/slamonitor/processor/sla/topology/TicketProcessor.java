package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.ingest.Rejection;
import dev.slamonitor.processor.sla.domain.ApplyResult;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TicketEventApplier;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Keeps one ticket's state per key. Each event is de-duplicated by eventId (remembered for the
 * configured retention of stream time), applied through the pure {@link TicketEventApplier}, stored,
 * and published as a snapshot; an event that cannot apply becomes a dead letter.
 */
final class TicketProcessor implements Processor<String, TicketEvent, String, TicketOutput> {

    private static final JsonSerde<TicketEvent> EVENT_JSON = JsonSerde.of(TicketEvent.class);

    private final Duration dedupRetention;
    private ProcessorContext<String, TicketOutput> context;
    private KeyValueStore<String, Ticket> tickets;
    private WindowStore<String, Long> eventIds;

    TicketProcessor(Duration dedupRetention) {
        this.dedupRetention = dedupRetention;
    }

    @Override
    public void init(ProcessorContext<String, TicketOutput> context) {
        this.context = context;
        this.tickets = context.getStateStore(SlaStores.TICKETS);
        this.eventIds = context.getStateStore(SlaStores.EVENT_IDS);
    }

    @Override
    public void process(Record<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (seenBefore(event.eventId())) {
            return; // a redelivered or re-published event changes nothing
        }
        ApplyResult result = TicketEventApplier.apply(tickets.get(record.key()), event);
        if (!result.isApplied()) {
            context.forward(record.withValue(TicketOutput.of(new Rejection(result.refusal(), result.detail(),
                    EVENT_JSON.serializer().serialize(null, event)))));
            return;
        }
        remember(event.eventId());
        tickets.put(record.key(), result.ticket());
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.forward(record.withValue(TicketOutput.of(SnapshotMapper.toSnapshot(result.ticket(), now))));
    }

    private boolean seenBefore(String eventId) {
        long streamTime = context.currentStreamTimeMs();
        try (WindowStoreIterator<Long> hits = eventIds.fetch(eventId, streamTime - dedupRetention.toMillis(), Long.MAX_VALUE)) {
            return hits.hasNext();
        }
    }

    private void remember(String eventId) {
        // Keyed by stream time, not event time: a very late event is still remembered for the full retention.
        eventIds.put(eventId, 1L, context.currentStreamTimeMs());
    }
}
