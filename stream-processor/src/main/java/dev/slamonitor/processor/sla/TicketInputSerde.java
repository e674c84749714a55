package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.ingest.TicketEventSerde;
import dev.slamonitor.processor.store.BinaryIn;
import dev.slamonitor.processor.store.BinaryOut;
import dev.slamonitor.processor.store.VersionedBinarySerde;

/**
 * The value serde of the internal {@code sla-acks-by-ticket} repartition topic: a {@link TicketInput}
 * in the same compact versioned binary form as the events' repartition ({@link VersionedBinarySerde},
 * the event part by {@link TicketEventSerde#writeEvent}). Not a published contract; records written
 * before, in JSON, are still read.
 *
 * <p>Format {@link #VERSION_1}: the event (a presence byte, then its fields), the ack (a presence
 * byte, then ackId, alertId, ticketId, by, note and at) and the raw bytes (nullable). Whether exactly
 * one of event and ack is set is the record's business, not the format's: any value round-trips.
 */
public final class TicketInputSerde extends VersionedBinarySerde<TicketInput> {

    static final int VERSION_1 = 1;

    public TicketInputSerde() {
        super(TicketInput.class, VERSION_1, 256, TicketInputSerde::writeInput, TicketInputSerde::readInput,
                JsonSerde.of(TicketInput.class).deserializer());
    }

    private static void writeInput(BinaryOut out, TicketInput input) {
        out.writeBoolean(input.event() != null);
        if (input.event() != null) {
            TicketEventSerde.writeEvent(out, input.event());
        }
        AlertAck ack = input.ack();
        out.writeBoolean(ack != null);
        if (ack != null) {
            out.writeString(ack.ackId()).writeString(ack.alertId()).writeString(ack.ticketId()).writeString(ack.by())
                    .writeString(ack.note()).writeInstant(ack.at());
        }
        out.writeBytes(input.raw());
    }

    private static TicketInput readInput(BinaryIn in) {
        var event = in.readBoolean() ? TicketEventSerde.readEvent(in) : null;
        AlertAck ack = in.readBoolean() ? new AlertAck(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readInstant()) : null;
        return new TicketInput(event, ack, in.readBytes());
    }
}
