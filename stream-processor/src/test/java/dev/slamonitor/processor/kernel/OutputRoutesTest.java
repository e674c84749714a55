package dev.slamonitor.processor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.topic.TopicSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link OutputRoutes} over a small sealed output type: each kind reaches its own destination, with
 * no unwrap node on a topic route, and a kind without a route fails the topology build.
 */
class OutputRoutesTest {

    /** The outputs of a toy step that reads "kind:text" lines. */
    sealed interface Out permits Out.Note, Out.Gone, Out.Bad, Out.Echo {
        record Note(String text) implements Out {
        }

        record Gone() implements Out {
        }

        record Bad(Rejection rejection) implements Out {
        }

        record Echo(String text) implements Out {
        }
    }

    private static final TopicSpec<String, byte[]> DEAD_LETTERS = new TopicSpec<>("dead", Serdes.String(), Serdes.ByteArray(), false);
    private static final TopicSpec<String, String> NOTES = new TopicSpec<>("notes", Serdes.String(), Serdes.String(), true);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldRouteEachKindToItsTopicATombstoneAsNullAndARefusalToTheDeadLetters() {
        // given a topology whose outputs are routed: note and gone to "notes", bad to the dead letters, echo on as a stream
        StreamsBuilder builder = new StreamsBuilder();
        routed(builder, true);
        Topology topology = builder.build();

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> notes = driver.createOutputTopic("notes", Serdes.String().deserializer(), Serdes.String().deserializer());
            TestOutputTopic<String, byte[]> dead = driver.createOutputTopic("dead", Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
            TestOutputTopic<String, String> echoes = driver.createOutputTopic("echoes", Serdes.String().deserializer(), Serdes.String().deserializer());

            // when one input of each kind arrives
            in.pipeInput("k1", "note:hello");
            in.pipeInput("k2", "gone:");
            in.pipeInput("k3", "bad:broken");
            in.pipeInput("k4", "echo:again");

            // then the note reaches its topic unwrapped and the tombstone as a null value on the same topic
            List<TestRecord<String, String>> onNotes = notes.readRecordsToList();
            assertThat(onNotes).extracting(TestRecord::key).containsExactly("k1", "k2");
            assertThat(onNotes.get(0).value()).isEqualTo("hello");
            assertThat(onNotes.get(1).value()).isNull();
            // and the refusal is a dead letter with its original bytes, reason header and count
            TestRecord<String, byte[]> letter = dead.readRecord();
            assertThat(letter.key()).isEqualTo("k3");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("bad:broken");
            assertThat(new String(letter.headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8))
                    .isEqualTo("INVALID_JSON");
            assertThat(DeadLetter.fromHeaders(letter.headers()).orElseThrow().detail()).isEqualTo("broken");
            assertThat(registry.get(DeadLetterSink.METRIC).tag("reason", "INVALID_JSON").tag("stage", "toy").counter().count())
                    .isEqualTo(1.0);
            assertThat(dead.isEmpty()).isTrue();
            // and the further stream carries its own kind on
            assertThat(echoes.readKeyValuesToList()).extracting(kv -> kv.value).containsExactly("again");
        }
    }

    @Test
    void shouldNameEveryNodeAndAddNoUnwrapNodeBeforeATopicSink() {
        StreamsBuilder builder = new StreamsBuilder();
        routed(builder, true);
        String description = builder.build().describe().toString();

        assertThat(description).contains("toy-output-", "toy-output-note", "toy-output-gone", "toy-output-bad", "toy-output-echo",
                "Sink: toy-note-sink", "Sink: toy-gone-sink", "toy-dead-letter-write", "Sink: toy-dead-letter-sink");
        assertThat(description).doesNotContain("KSTREAM-", "unwrap");
    }

    @Test
    void shouldRefuseToBuildWhenAKindHasNoRoute() {
        StreamsBuilder builder = new StreamsBuilder();

        assertThatThrownBy(() -> routed(builder, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Echo");
    }

    private void routed(StreamsBuilder builder, boolean routeEcho) {
        DeadLetterSink deadLetters = new DeadLetterSink(DEAD_LETTERS, registry);
        KStream<String, Out> outputs = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("toy-source"))
                .mapValues(OutputRoutesTest::read, Named.as("toy-read"));
        OutputRoutes<Out> routes = OutputRoutes.of(outputs, Out.class, "toy")
                .toTopic(Out.Note.class, "note", NOTES, Out.Note::text)
                .toTopic(Out.Gone.class, "gone", NOTES, gone -> null)
                .toDeadLetters(Out.Bad.class, "bad", deadLetters, Out.Bad::rejection, "toy");
        if (routeEcho) {
            routes.toStream(Out.Echo.class, "echo", echoes -> echoes.mapValues(Out.Echo::text, Named.as("toy-echo-text"))
                    .to("echoes", Produced.with(Serdes.String(), Serdes.String()).withName("toy-echo-sink")));
        }
        routes.end();
    }

    private static Out read(String line) {
        String[] parts = line.split(":", 2);
        return switch (parts[0]) {
            case "note" -> new Out.Note(parts[1]);
            case "gone" -> new Out.Gone();
            case "echo" -> new Out.Echo(parts[1]);
            default -> new Out.Bad(new Rejection(DeadLetterReason.INVALID_JSON, parts[1], line.getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static Properties props() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "output-routes-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }
}
