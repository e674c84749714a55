package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.kernel.Result;
import java.io.IOException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Reads acknowledgements from the acks topic: JSON of {@link AlertAck} with an alertId and a
 * ticketId equal to the record key (so the ack reaches the partition that owns the ticket).
 * Bounded like every contract: at most 1 MiB of strict JSON ({@link Json#untrusted()}), ids of 128
 * characters, {@code by} of 200 and a note of 2000 (the API's bounds). Anything else is refused as {@code INVALID_ACK} with the
 * original bytes.
 */
final class AckReader implements FixedKeyProcessor<String, byte[], Result<TicketInput>> {

    private static final int MAX_ID = 128;
    /** The API's own bounds for what a person types (AckRoute): the processor must accept what the API publishes. */
    private static final int MAX_BY = 200;
    private static final int MAX_NOTE = 2000;

    private FixedKeyProcessorContext<String, Result<TicketInput>> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Result<TicketInput>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        context.forward(record.withValue(read(record.key(), record.value())));
    }

    static Result<TicketInput> read(String key, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return reject("empty acknowledgement", bytes);
        }
        AlertAck ack;
        try {
            ack = Json.untrusted().readValue(bytes, AlertAck.class);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
            return reject("not an acknowledgement: " + message, bytes);
        }
        if (ack == null || ack.alertId() == null || ack.alertId().isBlank()) {
            return reject("alertId: required", bytes);
        }
        String tooLong = tooLong(ack);
        if (tooLong != null) {
            return reject(tooLong, bytes);
        }
        if (ack.ticketId() == null || !ack.ticketId().equals(key)) {
            return reject("ticketId: must equal the record key (key " + key + ", ticketId " + (ack == null ? null : ack.ticketId()) + ")", bytes);
        }
        return Result.ok(TicketInput.ofAck(ack, bytes));
    }

    /** The ack document's bounds: ids as long as the event schema's ids (alert ids are UUIDs), text as the API bounds it. */
    private static String tooLong(AlertAck ack) {
        if (ack.alertId().length() > MAX_ID) {
            return "alertId: at most " + MAX_ID + " characters";
        }
        if (ack.ticketId() != null && ack.ticketId().length() > MAX_ID) {
            return "ticketId: at most " + MAX_ID + " characters";
        }
        if (ack.ackId() != null && ack.ackId().length() > MAX_ID) {
            return "ackId: at most " + MAX_ID + " characters";
        }
        if (ack.by() != null && ack.by().length() > MAX_BY) {
            return "by: at most " + MAX_BY + " characters";
        }
        if (ack.note() != null && ack.note().length() > MAX_NOTE) {
            return "note: at most " + MAX_NOTE + " characters";
        }
        return null;
    }

    private static Result<TicketInput> reject(String detail, byte[] bytes) {
        return Result.refused(new Rejection(DeadLetterReason.INVALID_ACK, detail, bytes == null ? new byte[0] : bytes));
    }
}
