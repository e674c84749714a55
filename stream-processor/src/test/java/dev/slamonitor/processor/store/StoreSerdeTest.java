package dev.slamonitor.processor.store;

import dev.slamonitor.json.JsonSerde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreSerdeTest {

    record Stamped(Instant at, Instant precise) {
    }

    record Nested(String id, List<Stamped> stamps, long[] seenAt) {
    }

    private final StoreSerde<Stamped> serde = StoreSerde.of(Stamped.class);

    @Test
    void shouldWriteSmileThatRoundTripsMillisecondAndFinerInstants() throws Exception {
        // given one millisecond-precise and one nanosecond-precise instant
        Stamped value = new Stamped(Instant.parse("2026-11-23T09:00:00.123Z"), Instant.parse("2026-11-23T09:00:00.123456789Z"));
        // when written as a store value
        byte[] bytes = serde.serializer().serialize("store", value);
        // then it is Smile, the first instant a number, the second exact text, and both round-trip
        assertThat(StoreSerde.isSmile(bytes)).isTrue();
        assertThat(StoreJson.mapper().writeValueAsString(StoreJson.smileMapper().readTree(bytes)))
                .isEqualTo("{\"at\":1795424400123,\"precise\":\"2026-11-23T09:00:00.123456789Z\"}");
        assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(value);
    }

    @Test
    void shouldRoundTripNestedRecordsListsAndArrays() {
        Nested value = new Nested("T-1", List.of(new Stamped(Instant.ofEpochMilli(5), null)), new long[]{1, 2});
        StoreSerde<Nested> nested = StoreSerde.of(Nested.class);

        Nested back = nested.deserializer().deserialize("store", nested.serializer().serialize("store", value));

        assertThat(back.id()).isEqualTo("T-1");
        assertThat(back.stamps()).isEqualTo(value.stamps());
        assertThat(back.seenAt()).containsExactly(1, 2);
    }

    @Test
    void shouldReadStoreValuesWrittenAsTextJsonWithEpochMillis() throws Exception {
        // given a value written by the text store format used before Smile
        Stamped value = new Stamped(Instant.parse("2026-11-23T09:00:00.123Z"), null);
        byte[] text = StoreJson.mapper().writeValueAsBytes(value);
        // when read as a store value, then it is the same
        assertThat(serde.deserializer().deserialize("store", text)).isEqualTo(value);
    }

    @Test
    void shouldReadStoreValuesWrittenWithIsoInstants() {
        // given a value written by the published-record mapper (the oldest store format)
        Stamped value = new Stamped(Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("1969-12-31T23:59:59.999Z"));
        byte[] iso = JsonSerde.of(Stamped.class).serializer().serialize("store", value);
        // when read as a store value, then it is the same
        assertThat(serde.deserializer().deserialize("store", iso)).isEqualTo(value);
    }

    @Test
    void shouldMapTombstonesToNull() {
        assertThat(serde.serializer().serialize("store", null)).isNull();
        assertThat(serde.deserializer().deserialize("store", null)).isNull();
    }

    @Test
    void shouldKeepPublishedRecordsIso8601() {
        // given the published-record serde, when it writes an instant, then it is ISO-8601 text
        byte[] bytes = JsonSerde.of(Stamped.class).serializer().serialize("topic",
                new Stamped(Instant.parse("2026-11-23T09:00:00Z"), null));
        assertThat(new String(bytes)).isEqualTo("{\"at\":\"2026-11-23T09:00:00Z\"}");
    }
}
