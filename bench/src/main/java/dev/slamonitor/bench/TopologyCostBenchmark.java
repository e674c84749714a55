package dev.slamonitor.bench;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.StreamsSettings;
import dev.slamonitor.processor.TopologyEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * (a, decomposed) the CPU cost of a topology with no broker and no Kafka clients: the same topology
 * and serdes, real RocksDB stores with record caching, driven by TopologyTestDriver on this thread.
 * The difference to the end-to-end cost is what the Kafka clients, the transaction and the broker
 * add per record written.
 */
final class TopologyCostBenchmark {

    private TopologyCostBenchmark() {
    }

    /** @return microseconds of this thread per event, after the same number of unmeasured warm-up events */
    static double microsPerEvent(String name, Function<TopologyEnv, Topology> topology, List<ThroughputBenchmark.Input> events)
            throws Exception {
        AppConfig config = AppConfig.load(Map.of()).with(Map.of(
                "kafka.bootstrap.servers", "unused:9092",
                "streams.application.id", "cost-" + name,
                "topic.partitions", "1"));
        Properties props = StreamsSettings.from(config);
        props.put("state.dir", Files.createTempDirectory("bench-cost-").toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology.apply(TopologyEnv.of(config, new SimpleMeterRegistry())),
                props, Instant.now())) {
            var input = driver.createInputTopic(config.string("topic.events"), new StringSerializer(), new ByteArraySerializer());
            var state = driver.createOutputTopic(config.string("topic.state"), new StringDeserializer(), new ByteArrayDeserializer());
            int half = events.size() / 2;
            run(input, state, events.subList(0, half));
            long started = System.nanoTime();
            run(input, state, events.subList(half, events.size()));
            return (System.nanoTime() - started) / 1e3 / (events.size() - half);
        }
    }

    private static void run(org.apache.kafka.streams.TestInputTopic<String, byte[]> input,
                            org.apache.kafka.streams.TestOutputTopic<String, byte[]> state,
                            List<ThroughputBenchmark.Input> events) {
        int sent = 0;
        for (ThroughputBenchmark.Input e : events) {
            input.pipeInput(new TestRecord<>(e.key(), e.value(), Instant.ofEpochMilli(e.timestamp())));
            if (++sent % 1_000 == 0) {
                state.readRecordsToList(); // drain, so captured output does not pile up in memory
            }
        }
        state.readRecordsToList();
    }
}
