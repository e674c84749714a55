package dev.slamonitor.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The schema's constraints on single values of a ticket event, checked by hand on the current token
 * of a streaming parser for {@link StreamingEventReader}. Each method answers the bound value, or
 * null when the value is not plainly valid (the caller then leaves the verdict to the schema
 * reader); so they may be stricter than the schema, never looser. Stateless.
 */
final class EventValueChecks {

    static final Map<String, EventType> TYPES = byName(EventType.values());
    static final Map<String, Severity> SEVERITIES = wire(Severity.values());
    static final Map<String, SupportTier> TIERS = wire(SupportTier.values());
    static final Map<String, TicketStatus> STATUSES = wire(TicketStatus.values());
    static final Map<String, EscalationType> ESCALATIONS = wire(EscalationType.values());
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private EventValueChecks() {
    }

    private static String string(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    /** A string of {@code min..max} characters, all in the Basic Multilingual Plane (so chars = code points). */
    static String text(JsonParser p, int min, int max) throws IOException {
        String s = string(p);
        if (s == null || s.length() < min || s.length() > max) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return null;
            }
        }
        return s;
    }

    static String id(JsonParser p) throws IOException {
        return patterned(p, 128, EventValueChecks::isIdChar);
    }

    /** A non-empty string of at most {@code max} chars that {@code ok} accepts (ASCII-only checks). */
    static String patterned(JsonParser p, int max, Predicate<String> ok) throws IOException {
        String s = string(p);
        return s != null && !s.isEmpty() && s.length() <= max && ok.test(s) ? s : null;
    }

    static boolean isIdChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static boolean isRootCause(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!(alnum || i > 0 && (c == '.' || c == '_' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    static boolean isCurrency(String s) {
        return s.length() == 3 && s.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    static boolean isExceptionCode(String s) {
        return s.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_');
    }

    static boolean isApproverRole(String s) {
        return s.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '_');
    }

    static Boolean bool(JsonParser p) {
        JsonToken t = p.currentToken();
        return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    static <E> E enumValue(JsonParser p, Map<String, E> byWire) throws IOException {
        String s = string(p);
        return s == null ? null : byWire.get(s);
    }

    /** A plain decimal (no exponent) in (0, 1e12], bound as the schema reader binds it. */
    static BigDecimal amount(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            return null;
        }
        String text = p.getText();
        if (text.length() > 20 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0 || text.startsWith("-")) {
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0) {
            return null;
        }
        // the schema reader's tree keeps floats as BigDecimal without trailing zeros (Jackson's node default)
        return t == JsonToken.VALUE_NUMBER_FLOAT ? value.stripTrailingZeros() : value;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a real calendar date and time (no leap second), year
     * 1970..9999: the schema's pattern plus the strict RFC 3339 check, for the UTC spelling only.
     */
    static Instant instant(JsonParser p) throws IOException {
        String s = string(p);
        if (s == null || s.length() < 20 || s.length() > 30 || s.charAt(s.length() - 1) != 'Z'
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int nanos = 0;
        int end = s.length() - 1;
        if (end > 19) {
            int fraction = end - 20;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int f = digits(s, 20, fraction);
            if (f < 0) {
                return null;
            }
            nanos = f;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            return Instant.ofEpochSecond(date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, from + n)}, or -1 if any character is not a digit. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static String zone(String id) {
        if (id == null) {
            return null;
        }
        try {
            ZoneId.of(id);
            return id;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static <E extends Enum<E> & WireEnum.Wire> Map<String, E> wire(E[] values) {
        Map<String, E> map = new HashMap<>();
        for (E e : values) {
            map.put(e.wire(), e);
        }
        return Map.copyOf(map);
    }

    private static Map<String, EventType> byName(EventType[] values) {
        Map<String, EventType> map = new HashMap<>();
        for (EventType t : values) {
            map.put(t.name(), t);
        }
        return Map.copyOf(map);
    }
}
