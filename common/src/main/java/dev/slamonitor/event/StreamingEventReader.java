package dev.slamonitor.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.slamonitor.json.Json;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link TicketEventReader}: one pass of a streaming parser with the schema's
 * constraints checked by hand, for the common case of a valid event. It only ever <em>accepts</em>:
 * whenever anything is not plainly valid (a violation, an unusual spelling it does not handle, an
 * occurredAt outside the window, a parser error) it answers {@code null} and the caller runs the
 * schema reader, which gives the verdict and the reason text. The JSON Schema therefore stays the
 * contract; this class may be stricter than it, never looser, and an accepted event equals the one
 * the schema reader binds (both proven by {@code StreamingEventReaderDifferentialTest}).
 *
 * <p>Stricter than the schema on purpose (those inputs go the slow way): strings with characters
 * outside the Basic Multilingual Plane or line terminators where a pattern applies, occurredAt with
 * an offset other than {@code Z} or a year before 1970, amounts in exponent notation.
 * Thread-safe and stateless.
 */
final class StreamingEventReader {

    private static final JsonFactory FACTORY = Json.untrusted().getFactory();
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    private static final Map<String, EventType> TYPES = new HashMap<>();
    private static final Map<String, Severity> SEVERITIES = wire(Severity.values());
    private static final Map<String, SupportTier> TIERS = wire(SupportTier.values());
    private static final Map<String, TicketStatus> STATUSES = wire(TicketStatus.values());
    private static final Map<String, EscalationType> ESCALATIONS = wire(EscalationType.values());

    static {
        for (EventType t : EventType.values()) {
            TYPES.put(t.name(), t);
        }
    }

    private final EventTimeWindow window;

    StreamingEventReader(EventTimeWindow window) {
        this.window = window;
    }

    /** The event if {@code bytes} is plainly a valid ticket event inside the window around {@code now}; else null. */
    TicketEvent accept(byte[] bytes, Instant now) {
        if (bytes == null || bytes.length == 0 || bytes.length > Json.MAX_UNTRUSTED_BYTES || !wellFormedUtf8(bytes)) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            TicketEvent event = new Fields().readObject(p);
            if (event == null || p.nextToken() != null) {
                return null;
            }
            return window.refusal(event.occurredAt(), now).isPresent() ? null : event;
        } catch (java.io.IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static boolean wellFormedUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The fields of one event as they are read; any doubt makes a method return null or false. */
    private static final class Fields {
        private final java.util.Set<String> seen = new java.util.HashSet<>();
        private Integer schemaVersion;
        private String eventId;
        private String ticketId;
        private EventType type;
        private Instant occurredAt;
        private Severity severity;
        private Customer customer;
        private String team;
        private String channel;
        private SupportTier tier;
        private TicketStatus status;
        private String owner;
        private SupportTier fromTier;
        private SupportTier toTier;
        private EscalationType escalationType;
        private Handoff handoff;
        private String rootCause;
        private String resolutionSummary;
        private SopUpdate sopUpdate;
        private SopRejected sopRejected;
        private Integer score;
        private String rcaUrl;
        private String refundId;
        private BigDecimal amount;
        private String currency;
        private String exceptionCode;
        private Boolean approved;
        private String approver;
        private String approverRole;
        private String rationale;

        TicketEvent readObject(JsonParser p) throws java.io.IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) {
                    return null;
                }
                p.nextToken();
                if (!field(name, p)) {
                    return null;
                }
            }
            if (t != JsonToken.END_OBJECT || !complete()) {
                return null;
            }
            return new TicketEvent(schemaVersion, eventId, ticketId, type, occurredAt, severity, customer, team, channel,
                    tier, status, owner, fromTier, toTier, escalationType, handoff, rootCause, resolutionSummary,
                    sopUpdate, sopRejected, score, rcaUrl, refundId, amount, currency, exceptionCode, approved, approver,
                    approverRole, rationale);
        }

        /** Reads the value under {@code name} (the parser is on it); false for anything not plainly valid. */
        private boolean field(String name, JsonParser p) throws java.io.IOException {
            switch (name) {
                case "schemaVersion" -> {
                    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                            || p.getIntValue() != 1) {
                        return false;
                    }
                    schemaVersion = 1;
                }
                case "eventId" -> eventId = id(p);
                case "ticketId" -> ticketId = id(p);
                case "type" -> type = p.currentToken() == JsonToken.VALUE_STRING ? TYPES.get(p.getText()) : null;
                case "occurredAt" -> occurredAt = instant(p);
                case "severity" -> severity = enumValue(p, SEVERITIES);
                case "customer" -> customer = customer(p);
                case "team" -> team = text(p, 1, 128);
                case "channel" -> channel = text(p, 1, 128);
                case "tier" -> tier = enumValue(p, TIERS);
                case "status" -> status = enumValue(p, STATUSES);
                case "owner" -> owner = text(p, 1, 128);
                case "fromTier" -> fromTier = enumValue(p, TIERS);
                case "toTier" -> toTier = enumValue(p, TIERS);
                case "escalationType" -> escalationType = enumValue(p, ESCALATIONS);
                case "handoff" -> handoff = handoff(p);
                case "rootCause" -> rootCause = patterned(p, 64, StreamingEventReader::isRootCause);
                case "resolutionSummary" -> resolutionSummary = text(p, 0, 8000);
                case "sopUpdate" -> sopUpdate = single(p, "version", 64) instanceof String v ? new SopUpdate(v) : null;
                case "sopRejected" -> sopRejected = single(p, "rationale", 4000) instanceof String r ? new SopRejected(r) : null;
                case "score" -> {
                    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                            || p.getIntValue() < 1 || p.getIntValue() > 5) {
                        return false;
                    }
                    score = p.getIntValue();
                }
                case "rcaUrl" -> rcaUrl = text(p, 1, 2000);
                case "refundId" -> refundId = id(p);
                case "amount" -> amount = amount(p);
                case "currency" -> currency = patterned(p, 3, StreamingEventReader::isCurrency);
                case "exceptionCode" -> exceptionCode = patterned(p, 64, StreamingEventReader::isExceptionCode);
                case "approved" -> approved = bool(p);
                case "approver" -> approver = text(p, 1, 128);
                case "approverRole" -> approverRole = patterned(p, 32, StreamingEventReader::isApproverRole);
                case "rationale" -> rationale = text(p, 1, 4000);
                default -> {
                    return false;
                }
            }
            // every case leaves its field null when the value was not plainly valid
            return value(name) != null;
        }

        private Object value(String name) {
            return switch (name) {
                case "schemaVersion" -> schemaVersion;
                case "eventId" -> eventId;
                case "ticketId" -> ticketId;
                case "type" -> type;
                case "occurredAt" -> occurredAt;
                case "severity" -> severity;
                case "customer" -> customer;
                case "team" -> team;
                case "channel" -> channel;
                case "tier" -> tier;
                case "status" -> status;
                case "owner" -> owner;
                case "fromTier" -> fromTier;
                case "toTier" -> toTier;
                case "escalationType" -> escalationType;
                case "handoff" -> handoff;
                case "rootCause" -> rootCause;
                case "resolutionSummary" -> resolutionSummary;
                case "sopUpdate" -> sopUpdate;
                case "sopRejected" -> sopRejected;
                case "score" -> score;
                case "rcaUrl" -> rcaUrl;
                case "refundId" -> refundId;
                case "amount" -> amount;
                case "currency" -> currency;
                case "exceptionCode" -> exceptionCode;
                case "approved" -> approved;
                case "approver" -> approver;
                case "approverRole" -> approverRole;
                case "rationale" -> rationale;
                default -> null;
            };
        }

        /** The common fields, the type's required fields, and the rules beyond the schema (zone, SOP). */
        private boolean complete() {
            if (schemaVersion == null || eventId == null || ticketId == null || type == null || occurredAt == null) {
                return false;
            }
            boolean required = switch (type) {
                case TICKET_OPENED -> severity != null && customer != null && team != null;
                case STATUS_CHANGED -> status != null;
                case SEVERITY_CHANGED -> severity != null;
                case ASSIGNED -> owner != null;
                case ESCALATED -> toTier != null;
                case RESOLVED -> rootCause != null;
                case CSAT_RECEIVED -> score != null;
                case REFUND_REQUESTED -> refundId != null && amount != null && currency != null;
                case REFUND_DECIDED -> refundId != null && approved != null && approver != null && approverRole != null;
                default -> true;
            };
            return required && !(sopUpdate != null && sopRejected != null);
        }
    }

    private static String string(JsonParser p) throws java.io.IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    /** A string of {@code min..max} characters, all in the Basic Multilingual Plane (so chars = code points). */
    private static String text(JsonParser p, int min, int max) throws java.io.IOException {
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

    private static String id(JsonParser p) throws java.io.IOException {
        return patterned(p, 128, StreamingEventReader::isIdChar);
    }

    /** A non-empty string of at most {@code max} chars that {@code ok} accepts (ASCII-only checks). */
    private static String patterned(JsonParser p, int max, java.util.function.Predicate<String> ok) throws java.io.IOException {
        String s = string(p);
        return s != null && !s.isEmpty() && s.length() <= max && ok.test(s) ? s : null;
    }

    private static boolean isIdChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRootCause(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!(alnum || i > 0 && (c == '.' || c == '_' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCurrency(String s) {
        return s.length() == 3 && s.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    private static boolean isExceptionCode(String s) {
        return s.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_');
    }

    private static boolean isApproverRole(String s) {
        return s.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '_');
    }

    private static Boolean bool(JsonParser p) {
        JsonToken t = p.currentToken();
        return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    private static <E> E enumValue(JsonParser p, Map<String, E> byWire) throws java.io.IOException {
        String s = string(p);
        return s == null ? null : byWire.get(s);
    }

    /** A plain decimal (no exponent) in (0, 1e12], bound as the schema reader binds it. */
    private static BigDecimal amount(JsonParser p) throws java.io.IOException {
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
    private static Instant instant(JsonParser p) throws java.io.IOException {
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

    private static Customer customer(JsonParser p) throws java.io.IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String id = null;
        String tier = null;
        Boolean vip = null;
        String timeZone = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "id" -> id = id(p);
                case "tier" -> tier = text(p, 1, 64);
                case "vip" -> vip = bool(p);
                case "timeZone" -> timeZone = zone(text(p, 1, 64));
                default -> {
                    return null;
                }
            }
            if ("id".equals(name) && id == null || "tier".equals(name) && tier == null || "vip".equals(name) && vip == null
                    || "timeZone".equals(name) && timeZone == null) {
                return null;
            }
        }
        return t == JsonToken.END_OBJECT && id != null ? new Customer(id, tier, vip, timeZone) : null;
    }

    private static String zone(String id) {
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

    private static Handoff handoff(JsonParser p) throws java.io.IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, String> texts = new HashMap<>();
        List<String> steps = null;
        boolean stepsSeen = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "summary", "reason", "impact", "customerExpectation" -> {
                    String v = text(p, 0, 8000);
                    if (v == null || texts.put(name, v) != null) {
                        return null;
                    }
                }
                case "stepsTaken" -> {
                    if (stepsSeen || p.currentToken() != JsonToken.START_ARRAY) {
                        return null;
                    }
                    stepsSeen = true;
                    steps = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String step = text(p, 0, 2000);
                        if (step == null || steps.size() == 100) {
                            return null;
                        }
                        steps.add(step);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return t == JsonToken.END_OBJECT ? new Handoff(texts.get("summary"), steps, texts.get("reason"), texts.get("impact"),
                texts.get("customerExpectation")) : null;
    }

    /** An object with exactly one string field {@code name} of 1..max chars: its value, else null. */
    private static Object single(JsonParser p, String name, int max) throws java.io.IOException {
        if (p.currentToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME || !name.equals(p.currentName())) {
            return null;
        }
        p.nextToken();
        String v = text(p, 1, max);
        return v != null && p.nextToken() == JsonToken.END_OBJECT ? v : null;
    }

    private static <E extends Enum<E> & WireEnum.Wire> Map<String, E> wire(E[] values) {
        Map<String, E> map = new HashMap<>();
        for (E e : values) {
            map.put(e.wire(), e);
        }
        return Map.copyOf(map);
    }
}
