package dev.slamonitor.processor.store;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde that writes one compact binary format ({@link BinaryOut}, behind a version byte) and still
 * reads what was written before it. The first byte tells the formats apart: this format starts with
 * its version byte (1 to 8), while text JSON starts with {@code '{'} (or whitespace) and Smile with
 * {@code ':'}, never with a byte below 0x09; any other first byte goes to the older format's
 * deserializer. So a store or internal topic can change to the binary form while records in the old
 * form are still in it (a changelog to restore, a repartition topic during a rolling upgrade).
 *
 * <p>Invariants: the whole value is read (trailing bytes are corruption); a corrupt value fails with
 * {@link SerializationException} naming the type and topic; a null value (tombstone) maps to null
 * both ways. Stateless and thread-safe if the writer and reader are. A value type's serde extends
 * this with its writer, reader and older format (so topologies name it as one class).
 */
public class VersionedBinarySerde<T> implements Serde<T> {

    /** Writes the fields of one value after the version byte. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(BinaryOut out, T value);
    }

    /** Reads the fields that {@link Writer} wrote, positioned after the version byte. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(BinaryIn in);
    }

    private final String typeName;
    private final byte version;
    private final int initialCapacity;
    private final Writer<T> writer;
    private final Reader<T> reader;
    private final Deserializer<T> older;

    /**
     * @param version         the first byte of every value in this format, 1 to 8
     * @param initialCapacity the write buffer's first size (about a typical value's size)
     * @param older           reads any value that does not start with {@code version}
     */
    public VersionedBinarySerde(Class<T> type, int version, int initialCapacity, Writer<T> writer, Reader<T> reader,
                                Deserializer<T> older) {
        if (version < 1 || version > 8) {
            throw new IllegalArgumentException("a version byte must be 1 to 8 (below any JSON or Smile first byte): " + version);
        }
        this.typeName = type.getSimpleName();
        this.version = (byte) version;
        this.initialCapacity = initialCapacity;
        this.writer = writer;
        this.reader = reader;
        this.older = older;
    }

    /** The value in this format (version byte first). */
    public byte[] write(T value) {
        BinaryOut out = new BinaryOut(initialCapacity);
        out.writeByte(version);
        writer.write(out, value);
        return out.toByteArray();
    }

    /** A value in this format or, by its first byte, in the older one. */
    public T read(String topic, byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != version) {
            return older.deserialize(topic, bytes);
        }
        try {
            BinaryIn in = new BinaryIn(bytes, 1);
            T value = reader.read(in);
            if (!in.atEnd()) {
                throw new IllegalArgumentException("trailing bytes after the value");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new SerializationException("Cannot read a " + typeName + " (binary v" + version + ") from topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(topic, bytes);
    }
}
