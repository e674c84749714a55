package dev.slamonitor.processor.ingest;

import dev.slamonitor.config.AppConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.kernel.DeadLetterSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * With the processor's Streams settings, a processor that throws (an exception or an Error such as
 * StackOverflowError) on one record turns that record into a PROCESSING_ERROR dead letter with our
 * headers and counter, and the next record is processed.
 */
class ErrorContainmentTopologyTest {

    @Test
    void shouldDeadLetterTheRecordWhoseProcessingThrowsAnErrorOrAnExceptionAndGoOn() {
        // given a topology built like the processor's, with a step that fails on some values
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        TopologyEnv env = TopologyEnv.of(AppConfig.load(Map.of()), metrics);
        Properties props = env.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "containment-" + System.nanoTime());
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/ttd-" + System.nanoTime());
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("test-source"))
                .mapValues(v -> {
                    if (v.equals("overflow")) {
                        throw new StackOverflowError("deep");
                    }
                    if (v.equals("boom")) {
                        throw new IllegalStateException("boom");
                    }
                    return v.toUpperCase();
                }, Named.as("test-upper"))
                .to("out", Produced.with(Serdes.String(), Serdes.String()).withName("test-sink"));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2026-11-23T10:00:00Z"))) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(env.topics().deadLetters().name(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());

            // when a record overflows the stack, another throws, and good ones surround them
            in.pipeInput("k1", "a");
            in.pipeInput("k2", "overflow");
            in.pipeInput("k3", "boom");
            in.pipeInput("k4", "b");

            // then the good ones are processed and each bad one is a dead letter with the original bytes
            assertThat(out.readValuesToList()).containsExactly("A", "B");
            List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
            assertThat(letters).hasSize(2);
            DeadLetter overflow = DeadLetter.fromHeaders(letters.get(0).headers()).orElseThrow();
            assertThat(overflow.reason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
            assertThat(overflow.detail()).contains("test-upper", "StackOverflowError");
            assertThat(overflow.sourceTopic()).isEqualTo("in");
            assertThat(overflow.sourceOffset()).isEqualTo(1);
            assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("overflow");
            assertThat(new String(letters.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k2");
            assertThat(DeadLetter.fromHeaders(letters.get(1).headers()).orElseThrow().detail()).contains("IllegalStateException");
            assertThat(metrics.get(DeadLetterSink.METRIC).tag("reason", "PROCESSING_ERROR").counter().count()).isEqualTo(2.0);
        }
    }
}
