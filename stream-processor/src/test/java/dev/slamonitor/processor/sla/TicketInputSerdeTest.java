package dev.slamonitor.processor.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.ingest.TicketEventGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The binary value format of the {@code sla-acks-by-ticket} repartition topic: events and acks (with
 * their raw bytes, kept for a dead letter) round-trip exactly and as the JSON serde it replaces, and
 * JSON records an earlier build wrote are still read.
 */
class TicketInputSerdeTest {

    private static final String TOPIC = "app-sla-acks-by-ticket-repartition";

    private final Serializer<TicketInput> binaryOut = new TicketInputSerde().serializer();
    private final Deserializer<TicketInput> binaryIn = new TicketInputSerde().deserializer();
    private final JsonSerde<TicketInput> json = JsonSerde.of(TicketInput.class);

    @Test
    void shouldRoundTripEventsAndAcksExactlyAndAsTheJsonSerdeDoes() {
        // given seeded events and acks, sub-millisecond instants, unicode notes, raw bytes of any content
        TicketEventGenerator events = new TicketEventGenerator(99L);
        Random random = new Random(99L);
        for (int i = 0; i < 5_000; i++) {
            TicketInput input = switch (i % 3) {
                case 0 -> TicketInput.ofEvent(events.next());
                case 1 -> TicketInput.ofAck(ack(random), random.nextInt(5) == 0 ? null : bytes(random));
                default -> new TicketInput(random.nextBoolean() ? events.next() : null, random.nextBoolean() ? ack(random) : null,
                        random.nextBoolean() ? bytes(random) : null);
            };

            // when
            byte[] bytes = binaryOut.serialize(TOPIC, input);
            TicketInput viaBinary = binaryIn.deserialize(TOPIC, bytes);
            TicketInput viaJson = json.deserializer().deserialize(TOPIC, json.serializer().serialize(TOPIC, input));
            TicketInput oldJson = binaryIn.deserialize(TOPIC, json.serializer().serialize(TOPIC, input));

            // then (the record compares its byte array by reference, so the parts one by one)
            assertThat(bytes[0]).isEqualTo((byte) TicketInputSerde.VERSION_1);
            for (TicketInput read : new TicketInput[] {viaBinary, viaJson, oldJson}) {
                assertThat(read.event()).as("input %d", i).isEqualTo(input.event());
                assertThat(read.ack()).as("input %d", i).isEqualTo(input.ack());
                assertThat(read.raw()).as("input %d", i).isEqualTo(input.raw());
            }
        }
    }

    @Test
    void shouldStillReadAnAckRecordWrittenInJson() {
        // given an ack as an earlier build wrote it to the repartition topic (raw bytes in base64)
        byte[] raw = "{\"ackId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] old = ("{\"event\":null,\"ack\":{\"ackId\":\"a-1\",\"alertId\":\"al-1\",\"ticketId\":\"T-1\",\"by\":\"ana\","
                + "\"note\":\"on it\",\"at\":\"2026-11-23T10:00:00.5Z\"},\"raw\":\"eyJhY2tJZCI6ImEtMSJ9\"}")
                .getBytes(StandardCharsets.UTF_8);

        // when
        TicketInput input = binaryIn.deserialize(TOPIC, old);

        // then
        assertThat(input.event()).isNull();
        assertThat(input.ack()).isEqualTo(new AlertAck("a-1", "al-1", "T-1", "ana", "on it", Instant.parse("2026-11-23T10:00:00.5Z")));
        assertThat(input.raw()).isEqualTo(raw);
    }

    private static AlertAck ack(Random random) {
        return new AlertAck("ack-" + random.nextInt(), random.nextBoolean() ? "alert-" + random.nextLong() : null, "T-" + random.nextInt(99),
                random.nextBoolean() ? "agent ü 😀" : null, random.nextBoolean() ? "note\n\"quoted\" 日本" : null,
                random.nextBoolean() ? Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000)) : null);
    }

    private static byte[] bytes(Random random) {
        byte[] b = new byte[random.nextInt(600)];
        random.nextBytes(b);
        return b;
    }
}
