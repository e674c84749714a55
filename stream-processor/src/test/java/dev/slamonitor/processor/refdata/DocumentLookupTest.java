package dev.slamonitor.processor.refdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.TopologyFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lookup over a channel's global store (written directly here): fallback, parse-once, refused
 * documents, change detection.
 */
class DocumentLookupTest {

    private static final HolidayCalendar BUNDLED = new HolidayCalendar("bundled", 1, List.of());

    private final AtomicInteger parses = new AtomicInteger();
    private final DocumentReader<HolidayCalendar> countingReader = bytes -> {
        parses.incrementAndGet();
        return HolidayCalendar.read(bytes);
    };
    private TopologyFixture fx;
    private KeyValueStore<String, byte[]> store;
    private DocumentLookup<HolidayCalendar> lookup;

    @BeforeEach
    void setUp() {
        fx = new TopologyFixture(Map.of(), Instant.parse("2026-03-02T09:00:00Z"), env -> {
            StreamsBuilder builder = new StreamsBuilder();
            HolidayCalendarChannel.addTo(builder, env);
            return builder.build();
        });
        store = fx.driver.getKeyValueStore("holiday-calendar-store");
        lookup = new DocumentLookup<>(store, countingReader, BUNDLED);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldFallBackToTheBundledDocumentUntilOneIsPublished() {
        assertThat(lookup.current("de")).isSameAs(BUNDLED);
        assertThat(parses).hasValue(0);
    }

    @Test
    void shouldParseEachDistinctDocumentOnce() {
        // given
        store.put("de", HolidayCalendar.json("de", 1, "2026-12-25"));

        // when it is looked up many times, then changed once
        for (int i = 0; i < 100; i++) {
            assertThat(lookup.current("de").version()).isEqualTo(1);
        }
        store.put("de", HolidayCalendar.json("de", 2, "2026-12-25"));

        // then it was parsed once per content
        assertThat(lookup.current("de").version()).isEqualTo(2);
        assertThat(parses).hasValue(2);
    }

    @Test
    void shouldGiveTheFallbackForADocumentThisReaderRefuses() {
        store.put("de", "{\"region\":\"de\"}".getBytes());

        assertThat(lookup.current("de")).isSameAs(BUNDLED);
        lookup.refresh();
        assertThat(lookup.documents()).isEmpty();
    }

    @Test
    void shouldReportWhetherTheSetOfDocumentsChangedSinceTheLastRefresh() {
        // given
        assertThat(lookup.refresh()).isFalse();
        store.put("de", HolidayCalendar.json("de", 1));
        lookup.current("de");

        // then a refresh sees the new document even though a lookup already parsed it
        assertThat(lookup.refresh()).isTrue();
        assertThat(lookup.documents()).containsOnlyKeys("de");
        assertThat(lookup.refresh()).isFalse();
        store.delete("de");
        assertThat(lookup.refresh()).isTrue();
        assertThat(lookup.documents()).isEmpty();
        assertThat(parses).hasValue(1);
    }

}
