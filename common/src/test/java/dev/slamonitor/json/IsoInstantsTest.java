package dev.slamonitor.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Customer;
import dev.slamonitor.state.AckView;
import dev.slamonitor.state.AlertSummary;
import dev.slamonitor.state.ClockCycleView;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.SlaEventView;
import dev.slamonitor.state.TicketSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The fast instant writer against the JDK and Jackson: the same text as {@link Instant#toString()}
 * for every instant, and byte-identical published snapshots and alerts compared with a mapper of
 * the same rules that uses Jackson's own instant serializer. Sizes: {@code -Dpublished.json.values=N}
 * (generated snapshots and alerts, default 3 000) and {@code -Dpublished.instants=N} (default 300 000).
 */
class IsoInstantsTest {

    /** The published rules with Jackson's own InstantSerializer: the reference output. */
    private static final ObjectMapper REFERENCE = JsonMapper.builder()
            .addModule(new JavaTimeModule()).addModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private final Random random = new Random(Long.getLong("published.seed", 20_261_201L));

    @Test
    void shouldWriteTheSameTextAsInstantToStringForEveryInstant() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1),
                Instant.ofEpochSecond(-1, 999_999_999), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2024-02-29T12:00:00.100Z"),
                Instant.parse("1900-03-01T00:00:00Z"), Instant.parse("2000-02-29T23:59:59.000001Z"),
                Instant.parse("2100-02-28T00:00:00.000000001Z"));
        for (Instant t : edges) {
            assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
        }
        int total = Integer.getInteger("published.instants", 300_000);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < total && mismatches.size() < 10; i++) {
            Instant t = instant();
            if (!IsoInstants.format(t).equals(t.toString())) {
                mismatches.add(t.getEpochSecond() + "s " + t.getNano() + "ns: " + IsoInstants.format(t) + " vs " + t);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void shouldPublishSnapshotsAndAlertsByteForByteAsJacksonsInstantSerializerDid() throws Exception {
        assertThat(Json.mapper().getSerializerProviderInstance().findValueSerializer(Instant.class).getClass().getName())
                .as("the published mapper uses the fast writer").contains("IsoInstants");
        int total = Integer.getInteger("published.json.values", 3_000);
        int mismatches = 0;
        String first = null;
        for (int i = 0; i < total; i++) {
            for (Object value : List.of(snapshot(), alert())) {
                byte[] fast = Json.mapper().writeValueAsBytes(value);
                byte[] reference = REFERENCE.writeValueAsBytes(value);
                if (!Arrays.equals(fast, reference)) {
                    mismatches++;
                    first = first == null ? new String(fast, StandardCharsets.UTF_8) + "\nvs\n" + new String(reference, StandardCharsets.UTF_8) : first;
                }
                assertThat(Json.untrusted().writeValueAsBytes(value)).isEqualTo(fast);
            }
        }
        assertThat(mismatches).as("first mismatch: %s", first).isZero();
    }

    private Instant instant() {
        long seconds = switch (random.nextInt(4)) {
            case 0 -> 1_700_000_000L + random.nextInt(200_000_000);
            case 1 -> random.nextLong(-62_167_219_200L - 100_000, 253_402_300_800L + 100_000);
            case 2 -> random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
            default -> -random.nextInt(100_000_000);
        };
        int nanos = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private Instant maybeInstant() {
        return random.nextInt(4) == 0 ? null : instant();
    }

    private String text() {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "Zürich \"quoted\" \\ \n 日本 🚀";
            default -> "id-" + Long.toHexString(random.nextLong());
        };
    }

    private <T> List<T> list(Supplier<T> element) {
        if (random.nextInt(6) == 0) {
            return null;
        }
        List<T> list = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            list.add(element.get());
        }
        return list;
    }

    private TicketSnapshot snapshot() {
        return new TicketSnapshot(text(), text(), text(), text(), text(),
                random.nextBoolean() ? null : new Customer(text(), text(), random.nextBoolean(), text()), text(), text(),
                maybeInstant(), maybeInstant(), maybeInstant(), maybeInstant(), random.nextInt(), random.nextInt(100),
                random.nextInt(10), random.nextInt(5), maybeInstant(), text(), random.nextBoolean() ? null : random.nextInt(6),
                random.nextLong(), text(), random.nextBoolean() ? null : random.nextInt(9),
                list(() -> new ClockView(text(), text(), maybeInstant(), maybeInstant(), maybeInstant(), random.nextLong(),
                        random.nextLong(), text(), random.nextBoolean() ? null : random.nextInt(4), maybeInstant(),
                        random.nextBoolean() ? null : random.nextLong())),
                list(() -> new AlertSummary(text(), text(), text(), text(), random.nextInt(3), maybeInstant(), random.nextBoolean())),
                list(() -> new AckView(text(), text(), text(), maybeInstant())), maybeInstant(),
                list(() -> new ClockCycleView(text(), random.nextInt(5), text(), text(), maybeInstant(), maybeInstant(),
                        random.nextLong(), random.nextLong(), random.nextLong(), text(), random.nextBoolean(), maybeInstant())),
                list(() -> new SlaEventView(text(), random.nextInt(5), text(), maybeInstant(),
                        random.nextBoolean() ? null : random.nextLong())));
    }

    private Alert alert() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            details.put("k" + n, random.nextBoolean() ? instant() : text());
        }
        AlertType[] types = AlertType.values();
        AlertState[] states = AlertState.values();
        return new Alert(text(), types[random.nextInt(types.length)], text(), text(), text(), maybeInstant(), maybeInstant(),
                random.nextInt(4), text(), text(), text(), text(), text(), text(), text(), text(),
                random.nextBoolean() ? null : random.nextInt(9), random.nextBoolean() ? null : details, text(),
                states[random.nextInt(states.length)], text(), text());
    }
}
