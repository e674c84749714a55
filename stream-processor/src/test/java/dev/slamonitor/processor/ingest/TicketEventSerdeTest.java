package dev.slamonitor.processor.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.event.EscalationType;
import dev.slamonitor.event.EventTimeWindow;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.ParseOutcome;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketEventReader;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.fuzz.EventFuzzer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The binary value format of the {@code events-by-ticket} repartition topic: lossless for every
 * event the record can hold, equal to what the JSON serde it replaces gives, and still reading the
 * JSON records an earlier build left in the topic.
 */
class TicketEventSerdeTest {

    private static final String TOPIC = "app-events-by-ticket-repartition";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final Serializer<TicketEvent> binaryOut = new TicketEventSerde().serializer();
    private final Deserializer<TicketEvent> binaryIn = new TicketEventSerde().deserializer();
    private final JsonSerde<TicketEvent> json = JsonSerde.of(TicketEvent.class);

    @Test
    void shouldRoundTripGeneratedEventsExactlyAndAsTheJsonSerdeDoes() {
        // given 10 000 seeded events of every type, optional fields absent or present
        TicketEventGenerator generator = new TicketEventGenerator(20261201L);
        int[] byType = new int[EventType.values().length];
        for (int i = 0; i < 10_000; i++) {
            TicketEvent event = generator.next();
            byType[event.type().ordinal()]++;

            // when written and read in binary, and in JSON
            byte[] bytes = binaryOut.serialize(TOPIC, event);
            TicketEvent viaBinary = binaryIn.deserialize(TOPIC, bytes);
            TicketEvent viaJson = json.deserializer().deserialize(TOPIC, json.serializer().serialize(TOPIC, event));

            // then both give the event back, and so agree with each other
            assertThat(bytes[0]).isEqualTo((byte) TicketEventSerde.VERSION_1);
            assertThat(viaBinary).as("event %d", i).isEqualTo(event).isEqualTo(viaJson);
        }
        assertThat(Arrays.stream(byType).min().orElse(0)).as("events of the rarest type").isGreaterThan(400);
    }

    @Test
    void shouldRoundTripEveryEventTheReaderAcceptsFromFuzzedInput() {
        // given 5 000 seeded hostile records through the real reader; the accepted ones are what the repartition carries
        TicketEventReader reader = new TicketEventReader(EventTimeWindow.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
        int accepted = 0;
        for (EventFuzzer.FuzzRecord record : new EventFuzzer(7L, NOW).records(5_000)) {
            if (record.value() == null) {
                continue;
            }
            ParseOutcome outcome = reader.read(record.value(), NOW);
            if (!outcome.isAccepted()) {
                continue;
            }
            accepted++;
            TicketEvent event = outcome.event();

            // when / then
            TicketEvent viaBinary = binaryIn.deserialize(TOPIC, binaryOut.serialize(TOPIC, event));
            TicketEvent viaJson = json.deserializer().deserialize(TOPIC, json.serializer().serialize(TOPIC, event));
            assertThat(viaBinary).isEqualTo(event).isEqualTo(viaJson);
        }
        assertThat(accepted).isGreaterThan(400);
    }

    @Test
    void shouldStillReadJsonRecordsWrittenBeforeTheBinaryFormat() {
        // given records an earlier build wrote to the repartition topic: the JSON serde's bytes, and hand-written JSON
        TicketEventGenerator generator = new TicketEventGenerator(42L);
        for (int i = 0; i < 2_000; i++) {
            TicketEvent event = generator.next();
            assertThat(binaryIn.deserialize(TOPIC, json.serializer().serialize(TOPIC, event))).isEqualTo(event);
        }
        byte[] old = ("{\"schemaVersion\":1,\"eventId\":\"e-1\",\"ticketId\":\"T-1\",\"type\":\"TICKET_OPENED\","
                + "\"occurredAt\":\"2026-11-23T09:59:00.123456Z\",\"severity\":\"high\",\"tier\":\"L1\","
                + "\"customer\":{\"id\":\"C-1\",\"tier\":\"gold\",\"vip\":true,\"timeZone\":\"Europe/Berlin\"}}")
                .getBytes(StandardCharsets.UTF_8);

        // when
        TicketEvent event = binaryIn.deserialize(TOPIC, old);

        // then
        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-23T09:59:00.123456Z"));
        assertThat(event.severity()).isEqualTo(Severity.HIGH);
        assertThat(event.customer().isVip()).isTrue();
    }

    @Test
    void shouldBeSeveralTimesSmallerThanJson() {
        TicketEvent opened = TicketEventGenerator.typicalOpened();
        int binary = binaryOut.serialize(TOPIC, opened).length;
        int text = json.serializer().serialize(TOPIC, opened).length;
        assertThat(binary).isLessThan(text / 2);
    }

    @Test
    void shouldKeepTheFormatOfVersion1() {
        // a change here breaks records already in the topic during a rolling upgrade: add a version instead
        byte[] bytes = binaryOut.serialize(TOPIC, TicketEventGenerator.typicalOpened());
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(V1_TYPICAL_OPENED);
        // enum constants are written by ordinal: append new ones, never reorder
        assertThat(Arrays.stream(EventType.values()).map(Enum::name)).containsExactly("TICKET_OPENED", "AGENT_REPLIED",
                "CUSTOMER_REPLIED", "INTERNAL_NOTE", "STATUS_CHANGED", "SEVERITY_CHANGED", "ASSIGNED", "ESCALATED", "ACKNOWLEDGED",
                "RESOLVED", "REOPENED", "CSAT_RECEIVED", "RCA_PUBLISHED", "REFUND_REQUESTED", "REFUND_DECIDED");
        assertThat(Arrays.stream(Severity.values()).map(Enum::name)).containsExactly("CRITICAL", "HIGH", "MEDIUM", "LOW");
        assertThat(Arrays.stream(SupportTier.values()).map(Enum::name)).containsExactly("L1", "L2", "L3", "MANAGEMENT");
        assertThat(Arrays.stream(TicketStatus.values()).map(Enum::name))
                .containsExactly("OPEN", "PENDING_CUSTOMER", "ON_HOLD", "SOLVED", "CLOSED");
        assertThat(Arrays.stream(EscalationType.values()).map(Enum::name)).containsExactly("FUNCTIONAL", "HIERARCHICAL", "DOMAIN");
    }

    @Test
    void shouldRefuseTruncatedOrTrailingBinaryValuesWithTheTopicNamed() {
        byte[] bytes = binaryOut.serialize(TOPIC, TicketEventGenerator.typicalOpened());
        for (int len = 1; len < bytes.length; len++) {
            byte[] truncated = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> binaryIn.deserialize(TOPIC, truncated)).isInstanceOf(SerializationException.class)
                    .hasMessageContaining(TOPIC);
        }
        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> binaryIn.deserialize(TOPIC, trailing)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void shouldMapTombstonesToNull() {
        assertThat(binaryOut.serialize(TOPIC, null)).isNull();
        assertThat(binaryIn.deserialize(TOPIC, null)).isNull();
    }

    /** {@link TicketEventGenerator#typicalOpened()} in version 1: 134 bytes. */
    private static final String V1_TYPICAL_OPENED = "0102012438663134653435662d636565612d343637662d613864302d3163326233613464356536660108542d31303432"
            + "33330101a6fe8f8ec66802010106432d34373131010a656e746572707269736501010d4575726f70652f4265726c696e"
            + "01087061796d656e74730105656d61696c010000000000000000000000000000000000000000";
}
