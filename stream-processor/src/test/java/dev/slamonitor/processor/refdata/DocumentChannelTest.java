package dev.slamonitor.processor.refdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.TopologyFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The channel end to end on a TopologyTestDriver, through the example holiday-calendar binding:
 * validation, the key rule, versions and digests, both tombstone policies, the valid topic, the
 * global store and the lookup over it.
 */
class DocumentChannelTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String VALID = HolidayCalendarChannel.TOPIC + DocumentChannel.VALID_SUFFIX;
    private static final HolidayCalendar BUNDLED = new HolidayCalendar("bundled", 1, List.of());

    private TopologyFixture fx;
    private TestInputTopic<String, byte[]> documents;
    private TestOutputTopic<String, byte[]> valid;

    private void start(DocumentChannel<HolidayCalendar> channel) {
        fx = new TopologyFixture(Map.of(), T0, env -> {
            StreamsBuilder builder = new StreamsBuilder();
            channel.addTo(builder, env, HolidayCalendarChannel.TOPIC, VALID);
            return builder.build();
        });
        documents = fx.driver.createInputTopic(HolidayCalendarChannel.TOPIC, Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        valid = fx.driver.createOutputTopic(VALID, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void shouldPassAValidDocumentByteForByteToTheValidTopicAndTheLookup() {
        // given
        start(HolidayCalendarChannel.CHANNEL);
        byte[] de = HolidayCalendar.json("de", 1, "2026-12-25");

        // when
        documents.pipeInput("de", de);

        // then
        assertThat(valid.readValuesToList()).singleElement().isEqualTo(de);
        assertThat(lookup().current("de").holidays()).containsExactly(LocalDate.parse("2026-12-25"));
        assertThat(lookup().current("fr")).isSameAs(BUNDLED);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void shouldRefuseOlderVersionsAndOtherContentUnderAVersionInForceButPassARepublication() {
        // given version 2 in force
        start(HolidayCalendarChannel.CHANNEL);
        documents.pipeInput("de", HolidayCalendar.json("de", 2, "2026-12-25"));

        // when an older version, the same version changed, and the same document again arrive
        documents.pipeInput("de", HolidayCalendar.json("de", 1, "2026-12-26"));
        documents.pipeInput("de", HolidayCalendar.json("de", 2, "2026-12-26"));
        documents.pipeInput("de", HolidayCalendar.json("de", 2, "2026-12-25"));

        // then the first two are dead letters, the re-publication passes, version 2 stays
        assertThat(deadLetters()).containsExactly(
                "SCHEMA_VIOLATION: holiday calendar 'de' version 1 is older than version 2 in force",
                "SCHEMA_VIOLATION: holiday calendar 'de' version 2 is already in force with other content; "
                        + "publish changes under a new version");
        assertThat(valid.readValuesToList()).hasSize(2);
        assertThat(lookup().current("de").holidays()).containsExactly(LocalDate.parse("2026-12-25"));
        assertThat(fx.metrics.find("slamon.dead.letters").tag("stage", "holiday-calendar").counter().count()).isEqualTo(2);
    }

    @Test
    void shouldRefuseADocumentUnderAnotherKeyAndOneThatDoesNotRead() {
        // given
        start(HolidayCalendarChannel.CHANNEL);

        // when
        documents.pipeInput("fr", HolidayCalendar.json("de", 1));
        documents.pipeInput("de", "{\"region\":\"de\",\"version\":0,\"holidays\":[]}".getBytes());
        documents.pipeInput("de", "{oops".getBytes());

        // then nothing applies and each refusal names its problem
        assertThat(valid.isEmpty()).isTrue();
        assertThat(deadLetters()).satisfiesExactly(
                d -> assertThat(d).isEqualTo("SCHEMA_VIOLATION: record key 'fr' differs from the holiday calendar's key 'de'; "
                        + "publish it under its own key"),
                d -> assertThat(d).contains("refused: region, version >= 1"),
                d -> assertThat(d).contains("refused: not a holiday calendar"));
        assertThat(lookup().current("de")).isSameAs(BUNDLED);
    }

    @Test
    void shouldWithdrawADocumentOnATombstoneAndForgetItsVersion() {
        // given version 3 in force, with the WITHDRAW policy
        start(HolidayCalendarChannel.CHANNEL);
        documents.pipeInput("de", HolidayCalendar.json("de", 3, "2026-12-25"));

        // when it is withdrawn and a version 1 is published afterwards
        documents.pipeInput("de", (byte[]) null);
        assertThat(lookup().current("de")).isSameAs(BUNDLED);
        documents.pipeInput("de", HolidayCalendar.json("de", 1, "2026-10-03"));

        // then the tombstone went on to the valid topic and version 1 applies as a new document
        assertThat(valid.readValuesToList()).hasSize(3).element(1).isNull();
        assertThat(lookup().current("de").version()).isEqualTo(1);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void shouldRefuseATombstoneWhenTheKindCannotBeDeleted() {
        // given a kind whose tombstones are refused, with a document in force
        start(new DocumentChannel<>(DocumentKind.builder("holiday-calendar", "holiday calendar",
                        DeadLetterReason.SCHEMA_VIOLATION, HolidayCalendar::read)
                .key(HolidayCalendar::region).version(HolidayCalendar::version).tombstones(TombstonePolicy.REFUSE).build()));
        documents.pipeInput("de", HolidayCalendar.json("de", 1, "2026-12-25"));

        // when
        documents.pipeInput("de", (byte[]) null);

        // then it is a dead letter (the original tombstone) and the document stays in force
        List<TestRecord<String, byte[]>> letters = fx.deadLetters.readRecordsToList();
        assertThat(letters).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("de");
            assertThat(r.value()).isNull();
            assertThat(DeadLetter.fromHeaders(r.headers()).orElseThrow().detail())
                    .isEqualTo("a tombstone cannot remove the holiday calendar 'de'; publish a new version instead");
        });
        assertThat(valid.readValuesToList()).hasSize(1);
        assertThat(lookup().current("de").version()).isEqualTo(1);
    }

    private DocumentLookup<HolidayCalendar> lookup() {
        KeyValueStore<String, byte[]> store = fx.driver.getKeyValueStore("holiday-calendar-store");
        return new DocumentLookup<>(store, HolidayCalendar::read, BUNDLED);
    }

    private List<String> deadLetters() {
        return fx.deadLetters.readRecordsToList().stream()
                .map(r -> DeadLetter.fromHeaders(r.headers()).orElseThrow())
                .map(d -> d.reason() + ": " + d.detail())
                .toList();
    }
}
