package dev.slamonitor.processor.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid ticket events, as a hostile or broken producer would send them: wrong
 * types, missing and extra fields, huge and deep values, invalid UTF-8, extreme numbers and dates,
 * trailing tokens and duplicate keys, key mismatches, null keys, empty values and tombstones. The same
 * seed gives the same records, so a failure can be replayed.
 */
public final class EventFuzzer {

    /** One record for the events topic; a null key or value is sent as null (a tombstone). */
    public record FuzzRecord(String kind, String key, byte[] value) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] TYPES = {"TICKET_OPENED", "AGENT_REPLIED", "CUSTOMER_REPLIED", "INTERNAL_NOTE", "STATUS_CHANGED",
            "SEVERITY_CHANGED", "ASSIGNED", "ESCALATED", "ACKNOWLEDGED", "RESOLVED", "REOPENED", "CSAT_RECEIVED", "RCA_PUBLISHED",
            "REFUND_REQUESTED", "REFUND_DECIDED"};
    private static final String[] DATES = {"9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-11-23T23:59:60Z",
            "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23",
            "1970-01-01T00:00:00Z", "2026-11-23T10:00:00.1234567891Z", "2026-11-23T10:00:00+25:00", "", "now"};
    private static final String[] NUMBERS = {"1e400", "-1e400", "1.0000000000000000001", "1.0", "1E0", "0", "-0", "-1",
            "2147483648", "9223372036854775808", "1" + "0".repeat(99), "1" + "0".repeat(500), "0.0000001", "1e-400", "NaN", "Infinity"};

    private final Random random;
    private final Instant now;
    private int ticket;

    public EventFuzzer(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    public List<FuzzRecord> records(int count) {
        List<FuzzRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    public FuzzRecord next() {
        ObjectNode event = validEvent();
        String key = event.get("ticketId").asText();
        int kind = random.nextInt(20);
        return switch (kind) {
            case 0, 1 -> new FuzzRecord("valid", key, bytes(event));
            case 2 -> wrongType(event, key);
            case 3 -> {
                String field = pick(List.of("schemaVersion", "eventId", "ticketId", "type", "occurredAt", "severity", "customer", "team"));
                event.remove(field);
                yield new FuzzRecord("missing-" + field, key, bytes(event));
            }
            case 4 -> {
                event.put("extra" + random.nextInt(5), "x");
                yield new FuzzRecord("extra-field", key, bytes(event));
            }
            case 5 -> huge(event, key);
            case 6 -> {
                int depth = pick(List.of(10, 31, 33, 200, 5000));
                String deep = "[".repeat(depth) + "]".repeat(depth);
                String text = Json.mapper().valueToTree(event).toString();
                yield new FuzzRecord("deep-" + depth, key, (text.substring(0, text.length() - 1) + ",\"handoff\":" + deep + "}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case 7 -> invalidUtf8(event, key);
            case 8 -> {
                String field = pick(List.of("schemaVersion", "score", "amount"));
                String number = pick(List.of(NUMBERS));
                event.remove(field);
                String text = bytesText(event);
                text = text.substring(0, text.length() - 1) + ",\"" + field + "\":" + number + "}";
                yield new FuzzRecord("number-" + field, key, text.getBytes(StandardCharsets.UTF_8));
            }
            case 9 -> {
                String date = random.nextBoolean() ? pick(List.of(DATES))
                        : now.plus(Duration.ofMinutes(random.nextInt(200_000) - 100_000)).toString();
                event.put("occurredAt", date);
                yield new FuzzRecord("date", key, bytes(event));
            }
            case 10 -> new FuzzRecord("key-mismatch", key + "-other", bytes(event));
            case 11 -> new FuzzRecord("null-key", null, bytes(event));
            case 12 -> new FuzzRecord("empty-value", key, new byte[0]);
            case 13 -> new FuzzRecord("tombstone", key, null);
            case 14 -> {
                byte[] b = bytes(event);
                int cut = random.nextInt(Math.max(1, b.length));
                byte[] truncated = new byte[cut];
                System.arraycopy(b, 0, truncated, 0, cut);
                yield new FuzzRecord("truncated", key, truncated);
            }
            case 15 -> {
                byte[] b = bytes(event);
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                yield new FuzzRecord("byte-flip", key, b);
            }
            case 16 -> new FuzzRecord("trailing", key, (bytesText(event) + pick(List.of(",}", " {}", "]", " x", "\u0000")))
                    .getBytes(StandardCharsets.UTF_8));
            case 17 -> {
                String text = bytesText(event);
                yield new FuzzRecord("duplicate-key", key, ("{\"eventId\":\"dup\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8));
            }
            case 18 -> {
                JsonNode other = pick(List.of(NODES.arrayNode(), NODES.textNode("event"), NODES.numberNode(1), NODES.nullNode(),
                        NODES.booleanNode(true)));
                yield new FuzzRecord("not-an-object", key, other.toString().getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                event.put("type", pick(List.of("TICKET_MERGED", "opened", "", "TICKET_OPENED ")));
                yield new FuzzRecord("unknown-type", key, bytes(event));
            }
        };
    }

    /** A valid event of a random type (a quarter of them TICKET_OPENED, so that later events find their ticket). */
    public ObjectNode validEvent() {
        String type = random.nextInt(4) == 0 ? "TICKET_OPENED" : pick(List.of(TYPES));
        String ticketId = "FZ-" + (random.nextInt(4) == 0 ? ticket++ : Math.max(0, ticket - 1 - random.nextInt(Math.max(1, Math.min(ticket, 50)))));
        ObjectNode e = NODES.objectNode();
        e.put("schemaVersion", 1).put("eventId", "fz-" + random.nextLong()).put("ticketId", ticketId).put("type", type)
                .put("occurredAt", now.minusSeconds(random.nextInt(3600)).toString());
        switch (type) {
            case "TICKET_OPENED" -> {
                e.put("severity", pick(List.of("critical", "high", "medium", "low"))).put("team", "payments").put("channel", "email");
                e.putObject("customer").put("id", "C-1").put("tier", "business").put("vip", random.nextBoolean())
                        .put("timeZone", pick(List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata")));
            }
            case "STATUS_CHANGED" -> e.put("status", pick(List.of("open", "pending_customer", "on_hold", "solved", "closed")));
            case "SEVERITY_CHANGED" -> e.put("severity", pick(List.of("critical", "high", "medium", "low")));
            case "ASSIGNED" -> e.put("owner", "ana");
            case "ESCALATED" -> {
                e.put("toTier", pick(List.of("L2", "L3"))).put("fromTier", "L1").put("escalationType", "functional");
                ObjectNode handoff = e.putObject("handoff").put("summary", "s").put("reason", "r");
                handoff.putArray("stepsTaken").add("restarted");
            }
            case "RESOLVED" -> e.put("rootCause", pick(List.of("config-drift", "billing.sync", "unknown-x"))).put("resolutionSummary", "fixed");
            case "CSAT_RECEIVED" -> e.put("score", 1 + random.nextInt(5));
            case "REFUND_REQUESTED" -> e.put("refundId", "RF-" + random.nextInt(1000)).put("amount", new BigDecimal("12.50"))
                    .put("currency", "EUR").put("exceptionCode", "GOODWILL");
            case "REFUND_DECIDED" -> e.put("refundId", "RF-" + random.nextInt(1000)).put("approved", true).put("approver", "ana")
                    .put("approverRole", "agent").put("rationale", "ok");
            default -> { }
        }
        return e;
    }

    private FuzzRecord wrongType(ObjectNode event, String key) {
        List<String> fields = new ArrayList<>();
        Iterator<String> names = event.fieldNames();
        names.forEachRemaining(fields::add);
        String field = pick(fields);
        JsonNode replacement = pick(List.of(NODES.numberNode(42), NODES.textNode("42"), NODES.booleanNode(false), NODES.nullNode(),
                NODES.arrayNode().add(1), NODES.objectNode().put("a", 1), NODES.numberNode(new BigDecimal("1e400"))));
        event.set(field, replacement);
        return new FuzzRecord("wrong-type-" + field, key, bytes(event));
    }

    private FuzzRecord huge(ObjectNode event, String key) {
        int size = pick(List.of(129, 8001, 40_000, 200_000, 1_100_000));
        String big = "Europe/Berlin/".repeat(size / 14 + 1).substring(0, size);
        switch (random.nextInt(5)) {
            case 0 -> event.putObject("customer").put("id", "C-1").put("timeZone", big);
            case 1 -> event.put("ticketId", big);
            case 2 -> event.put("rcaUrl", big);
            case 3 -> {
                ArrayNode steps = event.putObject("handoff").putArray("stepsTaken");
                for (int i = 0; i < Math.min(size / 100, 5000); i++) {
                    steps.add("step " + i);
                }
            }
            default -> event.put("team", big);
        }
        return new FuzzRecord("huge-" + size, key, bytes(event));
    }

    private FuzzRecord invalidUtf8(ObjectNode event, String key) {
        byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        event.put("team", "t@@");
        String text = bytesText(event);
        int at = text.indexOf("@@");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] prefix = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        out.write(prefix, 0, prefix.length);
        byte[] chosen = bad[random.nextInt(bad.length)];
        out.write(chosen, 0, chosen.length);
        byte[] suffix = text.substring(at + 2).getBytes(StandardCharsets.UTF_8);
        out.write(suffix, 0, suffix.length);
        return new FuzzRecord("invalid-utf8", key, out.toByteArray());
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String bytesText(JsonNode node) {
        return node.toString();
    }
}
