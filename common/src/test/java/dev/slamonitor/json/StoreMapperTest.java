package dev.slamonitor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreMapperTest {

    record Stamped(Instant at, Instant precise) {
    }

    private final JsonSerde<Stamped> serde = JsonSerde.forStore(Stamped.class);

    @Test
    void shouldWriteMillisecondInstantsAsEpochMillisAndKeepFinerOnesExact() {
        // given one millisecond-precise and one nanosecond-precise instant
        Stamped value = new Stamped(Instant.parse("2026-11-23T09:00:00.123Z"), Instant.parse("2026-11-23T09:00:00.123456789Z"));
        // when written and read back as a store value
        byte[] bytes = serde.serializer().serialize("store", value);
        // then the first is a number, the second exact text, and both round-trip
        assertThat(new String(bytes)).contains("\"at\":1795424400123").contains("\"precise\":\"2026-11-23T09:00:00.123456789Z\"");
        assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(value);
    }

    @Test
    void shouldReadStoreValuesWrittenWithIsoInstants() {
        // given a value written by the published-record mapper (the store format before epoch millis)
        Stamped value = new Stamped(Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("1969-12-31T23:59:59.999Z"));
        byte[] iso = JsonSerde.of(Stamped.class).serializer().serialize("store", value);
        // when read as a store value, then it is the same
        assertThat(serde.deserializer().deserialize("store", iso)).isEqualTo(value);
    }

    @Test
    void shouldKeepPublishedRecordsIso8601() {
        // given the published-record serde, when it writes an instant, then it is ISO-8601 text
        byte[] bytes = JsonSerde.of(Stamped.class).serializer().serialize("topic",
                new Stamped(Instant.parse("2026-11-23T09:00:00Z"), null));
        assertThat(new String(bytes)).isEqualTo("{\"at\":\"2026-11-23T09:00:00Z\"}");
    }
}
