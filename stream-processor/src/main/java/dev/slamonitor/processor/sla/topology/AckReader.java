package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.ingest.Rejection;
import java.io.IOException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads acknowledgements from the acks topic: JSON of {@link AlertAck} with an alertId and a
 * ticketId equal to the record key (so the ack reaches the partition that owns the ticket).
 * Anything else is refused as {@code INVALID_ACK} with the original bytes.
 */
final class AckReader implements FixedKeyProcessor<String, byte[], Verdict<TicketInput>> {

    private FixedKeyProcessorContext<String, Verdict<TicketInput>> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Verdict<TicketInput>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        context.forward(record.withValue(read(record.key(), record.value())));
    }

    static Verdict<TicketInput> read(String key, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return reject("empty acknowledgement", bytes);
        }
        AlertAck ack;
        try {
            ack = Json.mapper().readValue(bytes, AlertAck.class);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
            return reject("not an acknowledgement: " + message, bytes);
        }
        if (ack == null || ack.alertId() == null || ack.alertId().isBlank()) {
            return reject("alertId: required", bytes);
        }
        if (ack.ticketId() == null || !ack.ticketId().equals(key)) {
            return reject("ticketId: must equal the record key (key " + key + ", ticketId " + (ack == null ? null : ack.ticketId()) + ")", bytes);
        }
        return Verdict.accept(TicketInput.ofAck(ack, bytes));
    }

    private static Verdict<TicketInput> reject(String detail, byte[] bytes) {
        return Verdict.reject(new Rejection(DeadLetterReason.INVALID_ACK, detail, bytes == null ? new byte[0] : bytes));
    }
}
