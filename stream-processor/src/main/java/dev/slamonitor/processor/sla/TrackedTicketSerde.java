package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.store.StoreSerde;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import dev.slamonitor.processor.store.BinaryOut;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the per-ticket store {@code sla-ticket-state} (and so of its changelog): a compact
 * versioned binary form of {@link TrackedTicket}, written field by field in record order with no
 * field names. It is read and written once per event, and Smile (the format before it) was the
 * largest single cost of the stream thread.
 *
 * <p>Format: the version byte {@link #VERSION_1}, then the fields ({@link BinaryOut} encodings;
 * nullable records as a presence byte, lists as a count then the elements, enums by ordinal + 1).
 * The first byte tells the formats apart: Smile values start with {@code ':'} and text JSON with
 * {@code '{'} (or whitespace), never with a byte below 0x09, so values written before this format
 * still restore through {@link StoreSerde}. A new field means a new version byte and a reader for
 * the old one; enum constants may be appended, never reordered (pinned by the format test).
 * A null value (tombstone) maps to null both ways.
 */
public final class TrackedTicketSerde implements Serde<TrackedTicket> {

    /** First byte of every value in this format. */
    static final byte VERSION_1 = 1;

    /** Values written before this format (Smile, or text JSON before that) still restore through it. */
    private final Deserializer<TrackedTicket> older = StoreSerde.of(TrackedTicket.class).deserializer();

    @Override
    public Serializer<TrackedTicket> serializer() {
        return (topic, value) -> value == null ? null : TrackedTicketWriter.write(value);
    }

    @Override
    public Deserializer<TrackedTicket> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == VERSION_1) {
                try {
                    return TrackedTicketReader.read(bytes);
                } catch (IllegalArgumentException e) {
                    throw new SerializationException("Cannot read a TrackedTicket (binary v1) from topic " + topic + ": "
                            + e.getMessage(), e);
                }
            }
            return older.deserialize(topic, bytes);
        };
    }
}
