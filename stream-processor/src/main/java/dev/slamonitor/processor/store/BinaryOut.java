package dev.slamonitor.processor.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A growable byte buffer with the primitives of the processor's binary store formats: unsigned and
 * zig-zag variable-length integers, nullable strings, instants, booleans and small enum ordinals.
 * {@link BinaryIn} reads exactly what this writes. Not thread-safe; one per value written.
 *
 * <p>Encodings: a nullable string is {@code 0} for null, {@code 1} then {@code varint(length)} and its
 * UTF-8 bytes the first time the value holds it, and {@code 2 + k} for the k-th distinct string written
 * before (ids, clock and calendar names repeat across clocks, alerts and history); a
 * nullable instant is a tag byte ({@link #INSTANT_NULL}, {@link #INSTANT_MILLIS} then zig-zag epoch
 * millis, or {@link #INSTANT_NANOS} then zig-zag epoch seconds and the nano adjustment), so no
 * precision is lost; a nullable enum is {@code ordinal + 1} (0 = null).
 */
public final class BinaryOut {

    static final int INSTANT_NULL = 0;
    static final int INSTANT_MILLIS = 1;
    static final int INSTANT_NANOS = 2;

    private byte[] buf;
    private int pos;
    private final Map<String, Integer> written = new HashMap<>();

    public BinaryOut(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public BinaryOut writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
        return this;
    }

    public BinaryOut writeBoolean(boolean b) {
        return writeByte(b ? 1 : 0);
    }

    /** A nullable Boolean as one byte: 0 null, 1 false, 2 true. */
    public BinaryOut writeNullableBoolean(Boolean b) {
        return writeByte(b == null ? 0 : b ? 2 : 1);
    }

    /** An unsigned variable-length int (7 bits a byte, low bits first); negative values take 5 bytes. */
    public BinaryOut writeVarInt(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    public BinaryOut writeVarLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    /** A signed int, zig-zag encoded so that small negative numbers stay short. */
    public BinaryOut writeInt(int v) {
        return writeVarInt((v << 1) ^ (v >> 31));
    }

    public BinaryOut writeLong(long v) {
        return writeVarLong((v << 1) ^ (v >> 63));
    }

    /** A nullable Integer: a presence byte, then the zig-zag value. */
    public BinaryOut writeNullableInt(Integer v) {
        if (v == null) {
            return writeByte(0);
        }
        return writeByte(1).writeInt(v);
    }

    public BinaryOut writeNullableLong(Long v) {
        if (v == null) {
            return writeByte(0);
        }
        return writeByte(1).writeLong(v);
    }

    public BinaryOut writeString(String s) {
        if (s == null) {
            return writeVarInt(0);
        }
        Integer seen = written.putIfAbsent(s, written.size());
        if (seen != null) {
            return writeVarInt(seen + 2);
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(1).writeVarInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    public BinaryOut writeInstant(Instant t) {
        if (t == null) {
            return writeByte(INSTANT_NULL);
        }
        long seconds = t.getEpochSecond();
        int nanos = t.getNano();
        // epoch millis cover +-292 million years; beyond that, or below a millisecond, seconds + nanos
        if (nanos % 1_000_000 == 0 && seconds > Long.MIN_VALUE / 1000 + 1 && seconds < Long.MAX_VALUE / 1000 - 1) {
            return writeByte(INSTANT_MILLIS).writeLong(seconds * 1000 + nanos / 1_000_000);
        }
        return writeByte(INSTANT_NANOS).writeLong(seconds).writeVarInt(nanos);
    }

    public BinaryOut writeEnum(Enum<?> e) {
        return writeVarInt(e == null ? 0 : e.ordinal() + 1);
    }

    /** A nullable byte array: {@code 0} for null, else {@code varint(length + 1)} and the bytes. */
    public BinaryOut writeBytes(byte[] bytes) {
        if (bytes == null) {
            return writeVarInt(0);
        }
        writeVarInt(bytes.length + 1);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** The bytes written so far, as a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
