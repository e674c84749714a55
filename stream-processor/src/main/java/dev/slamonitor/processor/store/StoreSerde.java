package dev.slamonitor.processor.store;

import dev.slamonitor.json.JsonSerde;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde for a processor's own state-store values (and so their changelogs), never for published
 * records: Smile, Jackson's binary form of the same JSON data model, with the store rules of
 * {@link StoreJson#mapper()} (instants as epoch millis). Store values are read and written once per
 * event, and text JSON was the largest cost of the stream thread; Smile writes and parses faster
 * and smaller. Reading also accepts text JSON (recognised by the missing Smile header), so values
 * written before this format still restore. A null value (tombstone) maps to null both ways.
 */
public final class StoreSerde<T> implements Serde<T> {

    /** Every Smile document written with the default settings starts with ":)\n". */
    private static final byte[] SMILE_HEADER = {':', ')', '\n'};

    private final Serializer<T> smileWriter;
    private final Deserializer<T> smileReader;
    private final Deserializer<T> textReader;

    private StoreSerde(Class<T> type) {
        JsonSerde<T> smile = new JsonSerde<>(type, StoreJson.smileMapper());
        this.smileWriter = smile.serializer();
        this.smileReader = smile.deserializer();
        this.textReader = new JsonSerde<>(type, StoreJson.mapper()).deserializer();
    }

    public static <T> StoreSerde<T> of(Class<T> type) {
        return new StoreSerde<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return smileWriter;
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes != null && isSmile(bytes) ? smileReader.deserialize(topic, bytes)
                : textReader.deserialize(topic, bytes);
    }

    static boolean isSmile(byte[] bytes) {
        return bytes.length >= SMILE_HEADER.length && bytes[0] == SMILE_HEADER[0] && bytes[1] == SMILE_HEADER[1]
                && bytes[2] == SMILE_HEADER[2];
    }
}
