package dev.slamonitor.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzz test of the fast path ({@link StreamingEventReader}) against the schema reader
 * ({@link TicketEventReader#readAgainstSchema}): over valid events of every type and mutated variants
 * of them (fields removed, added, retyped, re-spelled, at and past every bound; occurredAt variants;
 * duplicate keys; bytes flipped, inserted, cut, trailing data), the fast path never accepts what the
 * schema refuses and always binds the same event; and {@link TicketEventReader#read} gives exactly
 * the schema reader's outcome (verdict, reason and violation text).
 *
 * <p>Size and seed: {@code -Dreader.fuzz.variants=N} (default 5 000 as in {@code mvn verify}; the
 * nightly size is 100 000, about 20 minutes on a busy 2-core box: 0 mismatches, the fast path took
 * 96 % of the 37 % the schema accepted) and {@code -Dreader.fuzz.seed=S}.
 */
class StreamingEventReaderDifferentialTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIELDS = {"schemaVersion", "eventId", "ticketId", "type", "occurredAt", "severity",
            "customer", "team", "channel", "tier", "status", "owner", "fromTier", "toTier", "escalationType", "handoff",
            "rootCause", "resolutionSummary", "sopUpdate", "sopRejected", "score", "rcaUrl", "refundId", "amount",
            "currency", "exceptionCode", "approved", "approver", "approverRole", "rationale"};
    private static final String[] STRINGS = {"", "x", "L1", "management", "critical", "open", "functional", "EUR", "eur",
            "EURO", "APPROVER_X", "lead", "Lead", "a.b-c_d:e", "a b", "abc\n", "\n", "tab\there", "é", "日本", "🚀",
            "x\u0000y", "Europe/Berlin", "Mars/Olympus", "UTC", "+02:00", "GMT+2", "root.cause-1", "-root", "9root",
            "TICKET_OPENED", "RESOLVED", "ticket_opened", "2026-11-23T09:00:00Z"};
    private static final String[] TIMES = {"2026-11-23T09:00:00Z", "2026-11-23T09:00:00.1Z", "2026-11-23T09:00:00.123456789Z",
            "2026-11-23T09:00:00.1234567891Z", "2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00-00:00",
            "2026-11-23T09:00:00+00:00", "2026-11-23t09:00:00z", "2026-11-23 09:00:00Z", "2026-11-23T09:00Z",
            "2026-11-23T09:00:60Z", "2026-11-23T24:00:00Z", "2026-02-29T09:00:00Z", "2024-02-29T09:00:00Z",
            "2026-11-31T09:00:00Z", "2026-13-01T09:00:00Z", "2026-00-10T09:00:00Z", "0000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z", "2026-11-23T10:04:59Z", "2026-11-23T10:05:00Z", "2026-11-23T10:05:00.000000001Z",
            "2026-11-16T10:00:00Z", "2026-11-16T09:59:59.999Z", "2026-11-23T09:00:00.Z", "+2026-11-23T09:00:00Z",
            "2026-11-23T09:00:00ZZ", "2026-11-23T09:00:00.12345678Z", "2026-11-23T09:00:00+14:00", "2026-11-23T09:00:00+25:00"};

    private final TicketEventReader reader = new TicketEventReader(EventTimeWindow.DEFAULT,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final StreamingEventReader fast = new StreamingEventReader(EventTimeWindow.DEFAULT);

    @Test
    void shouldGiveTheSchemaReadersVerdictAndEventOnEveryMutatedVariant() throws Exception {
        int total = Integer.getInteger("reader.fuzz.variants", 5_000);
        long seed = Long.getLong("reader.fuzz.seed", 20_261_123L);
        Random random = new Random(seed);
        int mismatches = 0;
        int schemaAccepted = 0;
        int fastAccepted = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            byte[] bytes = variant(random);
            ParseOutcome reference = reader.readAgainstSchema(bytes, NOW);
            TicketEvent fastEvent = fast.accept(bytes, NOW);
            ParseOutcome combined = reader.read(bytes, NOW);
            boolean agree = (fastEvent == null || reference.isAccepted() && fastEvent.equals(reference.event()))
                    && combined.equals(reference);
            if (!agree) {
                mismatches++;
                if (examples.size() < 5) {
                    examples.add(new String(bytes, StandardCharsets.UTF_8) + "\n  schema: " + reference + "\n  fast: " + fastEvent);
                }
            }
            schemaAccepted += reference.isAccepted() ? 1 : 0;
            fastAccepted += fastEvent != null ? 1 : 0;
        }
        assertThat(mismatches).as("variants (seed %d) where the fast path disagrees, e.g.\n%s", seed, String.join("\n", examples))
                .isZero();
        // the variants cover both verdicts, and the fast path takes most of what the schema accepts
        assertThat(schemaAccepted).isBetween(total / 10, total - total / 10);
        assertThat(fastAccepted).isGreaterThan(schemaAccepted * 7 / 10);
    }

    @Test
    void shouldTakeTheFastPathForEveryValidEventOfEveryTypeAsProducersWriteThem() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = Json.mapper().writeValueAsBytes(validEvent(random));
            TicketEvent event = fast.accept(bytes, NOW);
            ParseOutcome reference = reader.readAgainstSchema(bytes, NOW);
            assertThat(reference.isAccepted()).as(reference.detail()).isTrue();
            if (!hasUnusualSpelling(reference.event())) {
                assertThat(event).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(reference.event());
            }
        }
    }

    /** Inputs the fast path leaves to the schema reader on purpose (see its class comment). */
    private static boolean hasUnusualSpelling(TicketEvent e) {
        return e.handoff() != null && e.handoff().stepsTaken() != null
                && e.handoff().stepsTaken().stream().anyMatch(s -> s.codePoints().anyMatch(Character::isSupplementaryCodePoint));
    }

    private byte[] variant(Random random) throws Exception {
        ObjectNode tree = Json.mapper().valueToTree(validEvent(random));
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            mutateTree(tree, random);
        }
        String json = tree.toString();
        if (random.nextInt(6) == 0) {
            json = mutateText(json, random);
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static void mutateTree(ObjectNode tree, Random random) {
        String field = random.nextInt(5) == 0 ? "extra" + random.nextInt(3) : FIELDS[random.nextInt(FIELDS.length)];
        ObjectNode target = tree;
        if (random.nextInt(4) == 0) {
            // a nested object's field instead
            String nested = List.of("customer", "handoff", "sopUpdate", "sopRejected").get(random.nextInt(4));
            if (tree.get(nested) instanceof ObjectNode o) {
                target = o;
                field = List.of("id", "tier", "vip", "timeZone", "summary", "stepsTaken", "reason", "impact",
                        "customerExpectation", "version", "rationale", "other").get(random.nextInt(12));
            }
        }
        switch (random.nextInt(9)) {
            case 0 -> target.remove(field);
            case 1 -> target.set(field, randomValue(random));
            case 2 -> target.put(field, STRINGS[random.nextInt(STRINGS.length)]);
            case 3 -> tree.put("occurredAt", TIMES[random.nextInt(TIMES.length)]);
            case 4 -> target.put(field, boundaryString(random));
            case 5 -> tree.put("type", EventType.values()[random.nextInt(EventType.values().length)].name());
            case 6 -> target.set(field, randomNumber(random));
            case 7 -> {
                ArrayNode steps = NODES.arrayNode();
                int n = random.nextInt(10) == 0 ? 100 + random.nextInt(2) : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    steps.add(random.nextInt(8) == 0 ? NODES.numberNode(1) : NODES.textNode(boundaryString(random)));
                }
                ObjectNode handoff = tree.get("handoff") instanceof ObjectNode h ? h : tree.putObject("handoff");
                handoff.set("stepsTaken", steps);
            }
            default -> {
                // re-order: fields in another order must not matter
                List<String> names = new ArrayList<>();
                Iterator<String> it = target.fieldNames();
                it.forEachRemaining(names::add);
                java.util.Collections.shuffle(names, random);
                ObjectNode copy = target.deepCopy();
                target.removeAll();
                for (String n : names) {
                    target.set(n, copy.get(n));
                }
            }
        }
    }

    private static String mutateText(String json, Random random) {
        int at = random.nextInt(json.length() + 1);
        String junk = List.of(",", "}", "{", "\"", ":", "1", " ", "\\", "\\u0041", "\"x\":1,", "null", "\u00e9", "\uD83D\uDE80",
                "\n").get(random.nextInt(14));
        return switch (random.nextInt(6)) {
            case 0 -> json.substring(0, at) + junk + json.substring(at);
            case 1 -> json.substring(0, at) + (at < json.length() ? json.substring(Math.min(json.length(), at + 1)) : "");
            case 2 -> json.substring(0, at);
            case 3 -> json + List.of(" ", "\n", "x", "{}", " 1").get(random.nextInt(5));
            case 4 -> json.replaceFirst("\"eventId\"", "\"eventId\":\"dup\",\"eventId\"");
            default -> " \t" + json + "\r\n";
        };
    }

    private static JsonNode randomValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.objectNode();
            case 3 -> NODES.arrayNode().add("x");
            case 4 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 5 -> NODES.objectNode().put("id", "C-1").put("tier", "gold").put("vip", random.nextBoolean())
                    .put("timeZone", STRINGS[random.nextInt(STRINGS.length)]);
            case 6 -> NODES.objectNode().put("version", STRINGS[random.nextInt(STRINGS.length)]);
            default -> randomNumber(random);
        };
    }

    private static JsonNode randomNumber(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.numberNode(1);
            case 1 -> NODES.numberNode(0);
            case 2 -> NODES.numberNode(-1);
            case 3 -> NODES.numberNode(random.nextInt(7));
            case 4 -> NODES.numberNode(new BigDecimal("1.0"));
            case 5 -> NODES.numberNode(new BigDecimal("120.50"));
            case 6 -> NODES.numberNode(new BigDecimal("1E+2"));
            case 7 -> NODES.numberNode(new BigDecimal("1000000000000"));
            case 8 -> NODES.numberNode(new BigDecimal("1000000000000.0000000001"));
            case 9 -> NODES.numberNode(new BigDecimal("0.000000000000000000001"));
            case 10 -> NODES.numberNode(Long.MAX_VALUE);
            default -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999"));
        };
    }

    private static String boundaryString(Random random) {
        int[] lengths = {0, 1, 2, 3, 4, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1999, 2000, 2001, 3999, 4000, 4001, 7999, 8000, 8001};
        int n = lengths[random.nextInt(lengths.length)];
        String unit = List.of("a", "Z", "é", "🚀", "_", "9").get(random.nextInt(6));
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < n) {
            b.append(unit);
        }
        return b.toString();
    }

    /** A valid event of a random type, with random optional fields. */
    static TicketEvent validEvent(Random random) {
        EventType type = EventType.values()[random.nextInt(EventType.values().length)];
        Instant at = NOW.minus(Duration.ofMillis(random.nextInt(3_600_000)))
                .plusNanos(random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 0);
        TicketEvent.Builder b = TicketEvent.builder(type, "ev-" + random.nextInt(1_000_000), "T-" + random.nextInt(10_000), at);
        boolean all = random.nextInt(4) == 0;
        if (type == EventType.TICKET_OPENED || type == EventType.SEVERITY_CHANGED || all) {
            b.severity(Severity.values()[random.nextInt(4)]);
        }
        if (type == EventType.TICKET_OPENED || all) {
            b.customer(new Customer("C-" + random.nextInt(100), random.nextBoolean() ? "gold" : null,
                    random.nextBoolean() ? random.nextBoolean() : null, random.nextBoolean() ? "Europe/Berlin" : null))
                    .team("payments").channel(random.nextBoolean() ? "email" : null)
                    .tier(random.nextBoolean() ? SupportTier.values()[random.nextInt(4)] : null);
        }
        if (type == EventType.STATUS_CHANGED || all) {
            b.status(TicketStatus.values()[random.nextInt(TicketStatus.values().length)]);
        }
        if (type == EventType.ASSIGNED || all) {
            b.owner("agent " + random.nextInt(50));
        }
        if (type == EventType.ESCALATED || all) {
            b.fromTier(SupportTier.L1).toTier(SupportTier.values()[1 + random.nextInt(3)])
                    .escalationType(EscalationType.values()[random.nextInt(3)])
                    .handoff(new Handoff("summary é", List.of("step 1", "step \"2\""), "why", null, "soon"));
        }
        if (type == EventType.RESOLVED || all) {
            b.rootCause("config-drift.v" + random.nextInt(3)).resolutionSummary(random.nextBoolean() ? "fixed\nit" : "");
            if (random.nextBoolean()) {
                b.sopUpdate(new SopUpdate("v" + random.nextInt(9)));
            } else if (random.nextBoolean()) {
                b.sopRejected(new SopRejected("not repeatable"));
            }
        }
        if (type == EventType.CSAT_RECEIVED || all) {
            b.score(1 + random.nextInt(5));
        }
        if (type == EventType.RCA_PUBLISHED || all) {
            b.rcaUrl("https://wiki/rca/" + random.nextInt(100));
        }
        if (type == EventType.REFUND_REQUESTED || type == EventType.REFUND_DECIDED || all) {
            b.refundId("R-" + random.nextInt(1000)).amount(List.of(new BigDecimal("120.5"), new BigDecimal("7"),
                            new BigDecimal("0.01"), new BigDecimal("999999999999.99")).get(random.nextInt(4)))
                    .currency("EUR").exceptionCode("GOODWILL_" + random.nextInt(5)).approved(random.nextBoolean())
                    .approver("lead-" + random.nextInt(9)).approverRole("team_lead").rationale("customer is right");
        }
        return b.build();
    }
}
