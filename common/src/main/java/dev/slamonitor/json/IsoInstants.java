package dev.slamonitor.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * ISO-8601 text of an {@link Instant}, character for character what {@link Instant#toString()} (and
 * so {@code DateTimeFormatter.ISO_INSTANT} and Jackson's own {@code InstantSerializer}) writes:
 * {@code yyyy-MM-ddTHH:mm:ss} (seconds always present), then the fraction in groups of three digits
 * only when it is not zero, then {@code Z}. Published records (snapshots, alerts) carry several
 * instants each, and the formatter's general machinery was a visible share of the stream thread.
 * Years outside 0000..9999 (which need a sign) go through {@link Instant#toString()}.
 */
public final class IsoInstants {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the fast path's range. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long END_SECOND = 253_402_300_800L;

    private IsoInstants() {
    }

    /** The same text as {@code instant.toString()}. */
    public static String format(Instant instant) {
        char[] buf = new char[30];
        int len = write(instant, buf);
        return len < 0 ? instant.toString() : new String(buf, 0, len);
    }

    /**
     * Writes the text into {@code buf} (at least 30 chars) and returns its length, or -1 when the year
     * is outside 0000..9999 and the caller must use {@link Instant#toString()}.
     */
    static int write(Instant instant, char[] buf) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds >= END_SECOND) {
            return -1;
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        digits4(buf, 0, year);
        buf[4] = '-';
        digits2(buf, 5, month);
        buf[7] = '-';
        digits2(buf, 8, day);
        buf[10] = 'T';
        digits2(buf, 11, secondOfDay / 3_600);
        buf[13] = ':';
        digits2(buf, 14, secondOfDay / 60 % 60);
        buf[16] = ':';
        digits2(buf, 17, secondOfDay % 60);
        int pos = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            buf[pos++] = '.';
            if (nanos % 1_000_000 == 0) {
                pos = digits(buf, pos, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pos = digits(buf, pos, nanos / 1_000, 6);
            } else {
                pos = digits(buf, pos, nanos, 9);
            }
        }
        buf[pos++] = 'Z';
        return pos;
    }

    private static void digits2(char[] buf, int at, int value) {
        buf[at] = (char) ('0' + value / 10);
        buf[at + 1] = (char) ('0' + value % 10);
    }

    private static void digits4(char[] buf, int at, int value) {
        digits2(buf, at, value / 100);
        digits2(buf, at + 2, value % 100);
    }

    private static int digits(char[] buf, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buf[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** Jackson's instant serializer for published records, replaced by this writer (same text). */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("iso-instants");
        module.addSerializer(Instant.class, new Writer());
        return module;
    }

    private static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            char[] buf = new char[30];
            int len = write(value, buf);
            if (len < 0) {
                gen.writeString(value.toString());
            } else {
                gen.writeString(buf, 0, len);
            }
        }
    }
}
