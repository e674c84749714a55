package dev.slamonitor.processor.ingest;

import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.ParseOutcome;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketEventReader;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads raw event bytes into {@link TicketEvent}s. A record whose key is not its ticketId is refused
 * too: keys decide partitions, and a ticket split over partitions would have two states. Accepted
 * records take their event time ({@code occurredAt}) as record timestamp, so windows downstream run
 * on event time; the reader's event-time window keeps that time within {@code processor.max.clock.skew}
 * of now, so the broker never refuses an output stamped with it.
 */
final class EventParser implements FixedKeyProcessor<String, byte[], Result<TicketEvent>> {

    /** Exactly one of event or rejection is set. */
    private final TicketEventReader reader;
    private final Counter accepted;
    private FixedKeyProcessorContext<String, Result<TicketEvent>> context;

    /** @param accepted counts the records accepted here; with the dead letters of stage "events" it accounts for every record read */
    EventParser(TicketEventReader reader, Counter accepted) {
        this.reader = reader;
        this.accepted = accepted;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Result<TicketEvent>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        // wall-clock time from the context: the same as System time in production, the driver's in tests
        ParseOutcome outcome = reader.read(record.value(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (!outcome.isAccepted()) {
            context.forward(record.withValue(Result.refused(
                    new Rejection(outcome.reason(), outcome.detail(), record.value()))));
            return;
        }
        TicketEvent event = outcome.event();
        if (!event.ticketId().equals(record.key())) {
            context.forward(record.withValue(Result.refused(new Rejection(DeadLetterReason.KEY_MISMATCH,
                    "record key '" + record.key() + "' differs from ticketId '" + event.ticketId() + "'",
                    record.value()))));
            return;
        }
        accepted.increment();
        context.forward(record.withValue(Result.ok(event)).withTimestamp(event.occurredAt().toEpochMilli()));
    }
}
