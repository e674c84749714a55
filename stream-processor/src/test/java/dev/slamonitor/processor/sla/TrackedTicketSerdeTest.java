package dev.slamonitor.processor.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.processor.store.StoreSerde;
import dev.slamonitor.processor.sla.domain.ClockKind;
import dev.slamonitor.processor.sla.domain.ClockState;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-ticket store's binary format: it round-trips every generated value exactly as the Smile
 * serde before it did, it still reads the Smile and text JSON values that serde wrote (samples stored
 * by the code of that time), and it is smaller.
 *
 * <p>Size and seed of the property: {@code -Dsla.codec.values=N} (default 3 000; nightly 100 000) and
 * {@code -Dsla.codec.seed=S}.
 */
class TrackedTicketSerdeTest {

    private static final String TOPIC = "app-sla-ticket-state-changelog";
    /** SHA-256 of the bytes written for the fixed values of {@link #shouldWriteExactlyThePinnedBytesForFixedValues}. */
    private static final String PINNED_BYTES_SHA256 = "a24b46b91f2c9fb9585de13375905a605a82ec5b4d5b192983ef04c3c0e3d34d";
    private final TrackedTicketSerde serde = new TrackedTicketSerde();
    private final StoreSerde<TrackedTicket> smile = StoreSerde.of(TrackedTicket.class);

    @Test
    void shouldRoundTripEveryGeneratedValueExactlyAsTheSmileSerdeDoes() {
        int total = Integer.getInteger("sla.codec.values", 3_000);
        long seed = Long.getLong("sla.codec.seed", 20_261_201L);
        TrackedTicketGenerator generator = new TrackedTicketGenerator(seed);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            // given a generated value
            TrackedTicket value = generator.next();

            // when it goes through the binary format and through the Smile format
            byte[] bytes = serde.serializer().serialize(TOPIC, value);
            TrackedTicket binary = serde.deserializer().deserialize(TOPIC, bytes);
            TrackedTicket viaSmile = smile.deserializer().deserialize(TOPIC, smile.serializer().serialize(TOPIC, value));

            // then both give the same value
            assertThat(bytes[0]).isEqualTo(TrackedTicketSerde.VERSION_1);
            if (!binary.equals(viaSmile)) {
                mismatches.add("value " + i + " (seed " + seed + "): " + value);
            }
        }
        assertThat(mismatches).as("values that differ from the Smile round trip").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"opened", "replied", "escalated-breached", "resolved"})
    void shouldReadSmileAndTextValuesStoredBeforeTheBinaryFormat(String scenario) throws Exception {
        // given values the store held before: written by the Smile serde, and by the text JSON before it
        byte[] oldSmile = sample("tracked-ticket-" + scenario + ".smile");
        byte[] oldText = sample("tracked-ticket-" + scenario + ".json");

        // when the binary serde reads them
        TrackedTicket fromSmile = serde.deserializer().deserialize(TOPIC, oldSmile);
        TrackedTicket fromText = serde.deserializer().deserialize(TOPIC, oldText);

        // then they are what the old serde reads, what the engine builds today, and they migrate to the binary format
        assertThat(fromSmile).isEqualTo(smile.deserializer().deserialize(TOPIC, oldSmile)).isEqualTo(fromText)
                .isEqualTo(StoreSampleScenarios.all().get(scenario));
        assertThat(fromSmile.sla().clocks()).isNotEmpty();
        byte[] migrated = serde.serializer().serialize(TOPIC, fromSmile);
        assertThat(serde.deserializer().deserialize(TOPIC, migrated)).isEqualTo(fromSmile);
    }

    @Test
    void shouldBeMuchSmallerThanSmileForValuesTheEngineBuilds() {
        for (Map.Entry<String, TrackedTicket> e : StoreSampleScenarios.all().entrySet()) {
            int binary = serde.serializer().serialize(TOPIC, e.getValue()).length;
            int smileSize = smile.serializer().serialize(TOPIC, e.getValue()).length;
            assertThat(binary).isLessThan(smileSize / 2);
        }
    }

    /**
     * The exact bytes of fixed values, as a digest: the stored format is a contract (old changelogs
     * must restore), so any change to the writer shows here, not only in a round trip.
     */
    @Test
    void shouldWriteExactlyThePinnedBytesForFixedValues() throws Exception {
        // given the sample scenarios and a fixed run of generated values
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, TrackedTicket> scenario : new TreeMap<>(StoreSampleScenarios.all()).entrySet()) {
            // when each is written
            digest.update(serde.serializer().serialize(TOPIC, inKindOrder(scenario.getValue())));
        }
        TrackedTicketGenerator generator = new TrackedTicketGenerator(20_261_201L);
        for (int i = 0; i < 500; i++) {
            digest.update(serde.serializer().serialize(TOPIC, generator.next()));
        }

        // then the bytes are the ones this format has always written
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(PINNED_BYTES_SHA256);
    }

    /**
     * The value with its clocks in kind order. The engine's clock map is an immutable {@code Map.copyOf},
     * whose iteration order varies from JVM to JVM, and the writer writes the clocks in map order.
     */
    private static TrackedTicket inKindOrder(TrackedTicket value) {
        SlaState s = value.sla();
        if (s == null || s.clocks() == null) {
            return value;
        }
        SlaState ordered = new SlaState(s.policyId(), s.policyVersion(), new EnumMap<>(s.clocks()), s.alerts(), s.acks(),
                s.handoff(), s.wakeAt(), s.restingSince(), s.history());
        return new TrackedTicket(value.ticket(), ordered, value.seen());
    }

    @Test
    void shouldMapTombstonesToNullBothWays() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldRefuseATruncatedOrExtendedValueNamingTheFormat() {
        byte[] bytes = serde.serializer().serialize(TOPIC, StoreSampleScenarios.all().get("escalated-breached"));
        for (int length : new int[] {1, 2, bytes.length / 2, bytes.length - 1, bytes.length + 1}) {
            byte[] corrupt = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, corrupt))
                    .as("length %d of %d", length, bytes.length)
                    .isInstanceOf(SerializationException.class).hasMessageContaining("binary v1");
        }
    }

    /** Enum values are stored by ordinal: constants may be appended, never reordered or removed. */
    @Test
    void shouldKeepTheEnumOrderTheStoredValuesUse() {
        assertThat(names(TicketStatus.values())).startsWith("OPEN", "PENDING_CUSTOMER", "ON_HOLD", "SOLVED", "CLOSED");
        assertThat(names(Severity.values())).startsWith("CRITICAL", "HIGH", "MEDIUM", "LOW");
        assertThat(names(SupportTier.values())).startsWith("L1", "L2", "L3", "MANAGEMENT");
        assertThat(names(ClockKind.values())).startsWith("FIRST_RESPONSE", "RESOLUTION", "CUSTOMER_UPDATE", "HANDOFF_ACK",
                "NO_UPDATE", "MANAGEMENT_NOTICE");
        assertThat(names(ClockState.values())).startsWith("RUNNING", "PAUSED", "SATISFIED", "BREACHED", "STOPPED");
        assertThat(names(AlertType.values())).startsWith("WARNING", "BREACH", "ESCALATION", "RENOTIFY", "DRIFT",
                "REMEDIATION_OVERDUE", "KNOWLEDGE_GAP", "RCA_OVERDUE", "HANDOFF_INCOMPLETE", "PING_PONG", "APPROVAL_OVERDUE",
                "GOVERNANCE_VIOLATION");
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static byte[] sample(String name) throws Exception {
        try (InputStream in = TrackedTicketSerdeTest.class.getResourceAsStream("/store-samples/" + name)) {
            assertThat(in).as("sample " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
