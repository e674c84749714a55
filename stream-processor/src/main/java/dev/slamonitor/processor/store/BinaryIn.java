package dev.slamonitor.processor.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads what {@link BinaryOut} writes, from a byte array and an offset. Every read checks bounds:
 * a truncated or corrupt value fails with {@link IllegalArgumentException}, never with an index
 * error deep in a caller. Not thread-safe; one per value read.
 */
public final class BinaryIn {

    private final byte[] buf;
    private int pos;
    private final List<String> read = new ArrayList<>();

    public BinaryIn(byte[] buf, int offset) {
        this.buf = buf;
        this.pos = offset;
    }

    public int readByte() {
        if (pos >= buf.length) {
            throw new IllegalArgumentException("value truncated at byte " + pos);
        }
        return buf[pos++] & 0xFF;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b > 1) {
            throw new IllegalArgumentException("not a boolean: " + b + " at byte " + (pos - 1));
        }
        return b == 1;
    }

    public Boolean readNullableBoolean() {
        int b = readByte();
        return switch (b) {
            case 0 -> null;
            case 1 -> Boolean.FALSE;
            case 2 -> Boolean.TRUE;
            default -> throw new IllegalArgumentException("not a nullable boolean: " + b + " at byte " + (pos - 1));
        };
    }

    public int readVarInt() {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint longer than 5 bytes at byte " + pos);
    }

    public long readVarLong() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varlong longer than 10 bytes at byte " + pos);
    }

    public int readInt() {
        int v = readVarInt();
        return (v >>> 1) ^ -(v & 1);
    }

    public long readLong() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public Integer readNullableInt() {
        return readPresence() ? readInt() : null;
    }

    public Long readNullableLong() {
        return readPresence() ? readLong() : null;
    }

    /** A count of elements that follow: bounded by the bytes left, so a corrupt count cannot allocate gigabytes. */
    public int readCount() {
        int n = readVarInt();
        if (n < 0 || n > buf.length - pos) {
            throw new IllegalArgumentException("count " + n + " exceeds the " + (buf.length - pos) + " bytes left");
        }
        return n;
    }

    public String readString() {
        int n = readVarInt();
        if (n == 0) {
            return null;
        }
        if (n != 1) {
            if (n < 0 || n - 2 >= read.size()) {
                throw new IllegalArgumentException("string reference " + (n - 2) + " before string " + read.size()
                        + " was written, at byte " + pos);
            }
            return read.get(n - 2);
        }
        int len = readVarInt();
        if (len < 0 || len > buf.length - pos) {
            throw new IllegalArgumentException("string of " + len + " bytes exceeds the " + (buf.length - pos) + " bytes left");
        }
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        read.add(s);
        return s;
    }

    public Instant readInstant() {
        int tag = readByte();
        return switch (tag) {
            case BinaryOut.INSTANT_NULL -> null;
            case BinaryOut.INSTANT_MILLIS -> Instant.ofEpochMilli(readLong());
            case BinaryOut.INSTANT_NANOS -> Instant.ofEpochSecond(readLong(), readVarInt());
            default -> throw new IllegalArgumentException("not an instant tag: " + tag + " at byte " + (pos - 1));
        };
    }

    /** A nullable enum written by {@link BinaryOut#writeEnum}; {@code values} is the enum's {@code values()}. */
    public <E extends Enum<E>> E readEnum(E[] values) {
        int n = readVarInt();
        if (n == 0) {
            return null;
        }
        if (n < 0 || n > values.length) {
            throw new IllegalArgumentException("ordinal " + (n - 1) + " out of range for "
                    + values.getClass().getComponentType().getSimpleName() + " at byte " + pos);
        }
        return values[n - 1];
    }

    /** A nullable byte array written by {@link BinaryOut#writeBytes}. */
    public byte[] readBytes() {
        int n = readVarInt();
        if (n == 0) {
            return null;
        }
        int len = n - 1;
        if (len < 0 || len > buf.length - pos) {
            throw new IllegalArgumentException("byte array of " + len + " bytes exceeds the " + (buf.length - pos) + " bytes left");
        }
        byte[] bytes = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return bytes;
    }

    /** Whether the whole value was read: trailing bytes mean a corrupt or misidentified value. */
    public boolean atEnd() {
        return pos == buf.length;
    }

    private boolean readPresence() {
        int b = readByte();
        if (b > 1) {
            throw new IllegalArgumentException("not a presence byte: " + b + " at byte " + (pos - 1));
        }
        return b == 1;
    }
}
