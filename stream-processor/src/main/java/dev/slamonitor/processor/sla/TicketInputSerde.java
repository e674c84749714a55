package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.ingest.TicketEventSerde;
import dev.slamonitor.processor.store.BinaryIn;
import dev.slamonitor.processor.store.BinaryOut;
import dev.slamonitor.processor.store.VersionedBinarySerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of the internal {@code sla-acks-by-ticket} repartition topic: a {@link TicketInput}
 * in the same compact versioned binary form as the events' repartition ({@link VersionedBinarySerde},
 * the event part by {@link TicketEventSerde#write}). Not a published contract; records written
 * before, in JSON, are still read.
 *
 * <p>Format {@link #VERSION_1}: the event (a presence byte, then its fields), the ack (a presence
 * byte, then ackId, alertId, ticketId, by, note and at) and the raw bytes (nullable). Whether exactly
 * one of event and ack is set is the record's business, not the format's: any value round-trips.
 */
public final class TicketInputSerde implements Serde<TicketInput> {

    static final int VERSION_1 = 1;

    private final VersionedBinarySerde<TicketInput> serde = new VersionedBinarySerde<>(TicketInput.class, VERSION_1, 256,
            TicketInputSerde::write, TicketInputSerde::read, JsonSerde.of(TicketInput.class).deserializer());

    @Override
    public Serializer<TicketInput> serializer() {
        return serde.serializer();
    }

    @Override
    public Deserializer<TicketInput> deserializer() {
        return serde.deserializer();
    }

    private static void write(BinaryOut out, TicketInput input) {
        out.writeBoolean(input.event() != null);
        if (input.event() != null) {
            TicketEventSerde.write(out, input.event());
        }
        AlertAck ack = input.ack();
        out.writeBoolean(ack != null);
        if (ack != null) {
            out.writeString(ack.ackId()).writeString(ack.alertId()).writeString(ack.ticketId()).writeString(ack.by())
                    .writeString(ack.note()).writeInstant(ack.at());
        }
        out.writeBytes(input.raw());
    }

    private static TicketInput read(BinaryIn in) {
        var event = in.readBoolean() ? TicketEventSerde.read(in) : null;
        AlertAck ack = in.readBoolean() ? new AlertAck(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readInstant()) : null;
        return new TicketInput(event, ack, in.readBytes());
    }
}
