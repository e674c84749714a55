package dev.slamonitor.processor.ingest;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.ParseOutcome;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketEventReader;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads raw event bytes into {@link TicketEvent}s. A record whose key is not its ticketId is refused
 * too: keys decide partitions, and a ticket split over partitions would have two states. Accepted
 * records take their event time ({@code occurredAt}) as record timestamp, so windows downstream run
 * on event time.
 */
final class EventParser implements FixedKeyProcessor<String, byte[], EventParser.Parsed> {

    /** Exactly one of event or rejection is set. */
    record Parsed(TicketEvent event, Rejection rejection) {
    }

    private final TicketEventReader reader;
    private FixedKeyProcessorContext<String, Parsed> context;

    EventParser(TicketEventReader reader) {
        this.reader = reader;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        ParseOutcome outcome = reader.read(record.value());
        if (!outcome.isAccepted()) {
            context.forward(record.withValue(new Parsed(null,
                    new Rejection(outcome.reason(), outcome.detail(), record.value()))));
            return;
        }
        TicketEvent event = outcome.event();
        if (!event.ticketId().equals(record.key())) {
            context.forward(record.withValue(new Parsed(null, new Rejection(DeadLetterReason.KEY_MISMATCH,
                    "record key '" + record.key() + "' differs from ticketId '" + event.ticketId() + "'",
                    record.value()))));
            return;
        }
        context.forward(record.withValue(new Parsed(event, null)).withTimestamp(event.occurredAt().toEpochMilli()));
    }
}
