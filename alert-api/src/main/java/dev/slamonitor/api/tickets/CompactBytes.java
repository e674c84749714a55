package dev.slamonitor.api.tickets;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Variable-length primitives of the view's compact ticket encoding: zig-zag varints, nullable numbers
 * as {@code 0} or value+1, strings either pooled ({@link StringPool} id) or inline UTF-8, and instants
 * as epoch seconds relative to a per-record base plus nanoseconds (exact: nothing is rounded).
 */
final class CompactBytes {

    private CompactBytes() {
    }

    /** Appends to a growing array. */
    static final class Writer {
        private byte[] buf = new byte[256];
        private int len;
        private final StringPool pool;
        private long base;

        Writer(StringPool pool) {
            this.pool = pool;
        }

        void base(long epochSecond) {
            base = epochSecond;
            varLong(zigzag(epochSecond));
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void signed(long v) {
            varLong(zigzag(v));
        }

        void nullableLong(Long v) {
            if (v == null) {
                varLong(0);
            } else {
                varLong(zigzag(v) + 1);
            }
        }

        void nullableInt(Integer v) {
            nullableLong(v == null ? null : v.longValue());
        }

        void bool(boolean v) {
            ensure(1);
            buf[len++] = (byte) (v ? 1 : 0);
        }

        void nullableBool(Boolean v) {
            ensure(1);
            buf[len++] = (byte) (v == null ? 0 : v ? 2 : 1);
        }

        /** A low-cardinality string: 0 null, 1 inline, 2+ pool id. */
        void pooled(String s) {
            if (s == null) {
                varLong(0);
                return;
            }
            int id = pool.id(s);
            if (id == StringPool.NONE) {
                varLong(1);
                utf8(s);
            } else {
                varLong(id + 2L);
            }
        }

        /** Free text: 0 null, else length+1 and UTF-8 bytes. */
        void text(String s) {
            if (s == null) {
                varLong(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length + 1L);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        private void utf8(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void instant(Instant t) {
            if (t == null) {
                varLong(0);
                return;
            }
            varLong(zigzag(t.getEpochSecond() - base) + 1);
            varLong(t.getNano());
        }

        /** A list's presence and size: 0 null, else size+1. */
        boolean list(java.util.List<?> list) {
            varLong(list == null ? 0 : list.size() + 1L);
            return list != null;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }

    /** Reads what a {@link Writer} wrote, in the same order. */
    static final class Reader {
        private final byte[] buf;
        private int pos;
        private final StringPool pool;
        private long base;

        Reader(byte[] buf, StringPool pool) {
            this.buf = buf;
            this.pool = pool;
        }

        void base() {
            base = unzigzag(varLong());
        }

        long varLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long signed() {
            return unzigzag(varLong());
        }

        int signedInt() {
            return (int) signed();
        }

        Long nullableLong() {
            long v = varLong();
            return v == 0 ? null : unzigzag(v - 1);
        }

        Integer nullableInt() {
            Long v = nullableLong();
            return v == null ? null : v.intValue();
        }

        boolean bool() {
            return buf[pos++] != 0;
        }

        Boolean nullableBool() {
            byte b = buf[pos++];
            return b == 0 ? null : b == 2;
        }

        String pooled() {
            long tag = varLong();
            if (tag == 0) {
                return null;
            }
            if (tag == 1) {
                int n = (int) varLong();
                String s = new String(buf, pos, n, StandardCharsets.UTF_8);
                pos += n;
                return s;
            }
            return pool.value((int) (tag - 2));
        }

        String text() {
            long tag = varLong();
            if (tag == 0) {
                return null;
            }
            int n = (int) (tag - 1);
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        Instant instant() {
            long tag = varLong();
            if (tag == 0) {
                return null;
            }
            long seconds = base + unzigzag(tag - 1);
            return Instant.ofEpochSecond(seconds, varLong());
        }

        /** A list's size, or -1 for null. */
        int list() {
            return (int) varLong() - 1;
        }
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
