package dev.slamonitor.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde for a processor's own state-store values (and so their changelogs), never for published
 * records: Smile, Jackson's binary form of the same JSON data model, with the store rules of
 * {@link Json#storeMapper()} (instants as epoch millis). Store values are read and written once per
 * event, and text JSON was the largest cost of the stream thread; Smile writes and parses faster
 * and smaller. Reading also accepts text JSON (recognised by the missing Smile header), so values
 * written before this format still restore. A null value (tombstone) maps to null both ways.
 */
public final class StoreSerde<T> implements Serde<T> {

    /** Every Smile document written with the default settings starts with ":)\n". */
    private static final byte[] SMILE_HEADER = {':', ')', '\n'};

    private final Class<T> type;

    private StoreSerde(Class<T> type) {
        this.type = type;
    }

    public static <T> StoreSerde<T> of(Class<T> type) {
        return new StoreSerde<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return Json.storeSmileMapper().writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new SerializationException("Cannot write " + type.getSimpleName() + " as a store value", e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ObjectMapper mapper = isSmile(bytes) ? Json.storeSmileMapper() : Json.storeMapper();
            try {
                return mapper.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("Cannot read " + type.getSimpleName() + " from store changelog " + topic, e);
            }
        };
    }

    static boolean isSmile(byte[] bytes) {
        return bytes.length >= SMILE_HEADER.length && bytes[0] == SMILE_HEADER[0] && bytes[1] == SMILE_HEADER[1]
                && bytes[2] == SMILE_HEADER[2];
    }
}
