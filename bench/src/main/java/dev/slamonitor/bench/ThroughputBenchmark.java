package dev.slamonitor.bench;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketEventReader;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.ProcessorTopology;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.ingest.EventIngestTopology;
import dev.slamonitor.processor.sla.SlaTopology;
import dev.slamonitor.topic.TopicProvisioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * (a) events/s and CPU per event through five applications over the same pre-produced input on the
 * same broker in one run, all exactly-once on the same Streams settings: the identity pass-through,
 * the stateful pass-through (the I/O of any per-ticket topology), validated ingest, the SLA topology
 * (the measure) and the full processor. Ratios are the numbers to compare: absolute rates
 * swing with the machine. The input is {@link ThroughputInput}, the measurement {@link ThroughputMeter}.
 */
final class ThroughputBenchmark {

    /**
     * @param writtenPerEvent records the application wrote per input event, by topic (changelogs,
     *                        repartition and output topics): what the broker has to append and the
     *                        transaction has to wait for, compared with one for the pass-through
     */
    record Run(ThroughputMeter.Rate rate, Map<String, Double> writtenPerEvent) {
    }

    /**
     * @param ingest validated ingest only: every event parsed and checked against the JSON Schema,
     *               then written back as JSON, no state; the ceiling of any topology that validates
     */
    record Result(long events, Run passThrough, Run stateful, Run ingest, Run sla, Run full) {
    }

    /** Event ingest (parse, schema validation, dead letters) and the SLA feature: the measure. */
    private static final Function<TopologyEnv, Topology> SLA_ONLY = env -> {
        StreamsBuilder builder = new StreamsBuilder();
        SlaTopology.addTo(builder, EventIngestTopology.addTo(builder, env.topics().events(), env.deadLetters(),
                TicketEventReader.from(env.config()), env.metrics()), env);
        return builder.build();
    };

    /** Event ingest only, each valid event written back to the state topic as JSON (so progress is counted the same way). */
    private static final Function<TopologyEnv, Topology> INGEST_ONLY = env -> {
        StreamsBuilder builder = new StreamsBuilder();
        EventIngestTopology.addTo(builder, env.topics().events(), env.deadLetters(),
                TicketEventReader.from(env.config()), env.metrics())
                .to(env.topics().state().name(), Produced.with(Serdes.String(), JsonSerde.of(TicketEvent.class)).withName("bench-ingest-sink"));
        return builder.build();
    };

    private ThroughputBenchmark() {
    }

    static Result run(BenchCluster cluster, int tickets, int eventsPerTicket, int warmUpTickets) throws Exception {
        cluster.createTopics(3, "tp-warm-events", "tp-warm-pass-out", "tp-events", "tp-pass-out");
        if (warmUpTickets > 0) {
            // Same code paths once before measuring, so that JIT compilation is not counted against
            // whichever topology happens to run first.
            round(cluster, "tp-warm", ThroughputInput.produce(cluster, "tp-warm-events", "W", warmUpTickets, eventsPerTicket));
        }
        return round(cluster, "tp", ThroughputInput.produce(cluster, "tp-events", "TP", tickets, eventsPerTicket));
    }

    private static Result round(BenchCluster cluster, String prefix, long events) throws Exception {
        AppConfig base = AppConfig.load(Map.of()).with(Map.of(
                "kafka.bootstrap.servers", cluster.bootstrap(),
                "topic.events", prefix + "-events",
                "topic.partitions", "3")).with(overrides());
        Run pass = new Run(ThroughputMeter.measure(cluster, passThrough(base, prefix), prefix + "-pass", prefix + "-pass-out", events),
                ThroughputMeter.writtenPerEvent(cluster, prefix + "-pass", events));
        Run stateful = measureApplication(cluster, base, prefix + "-stateful", events, StatefulPassThrough::topology);
        Run ingest = measureApplication(cluster, base, prefix + "-ingest", events, INGEST_ONLY);
        Run sla = measureApplication(cluster, base, prefix + "-sla", events, SLA_ONLY);
        Run full = measureApplication(cluster, base, prefix + "-full", events, ProcessorTopology::build);
        return new Result(events, pass, stateful, ingest, sla, full);
    }

    /**
     * Settings to try without a rebuild: every system property {@code bench.config.<key>} sets
     * {@code <key>} for all five applications, e.g. {@code -Dbench.config.streams.producer.batch.size=262144}.
     */
    private static Map<String, String> overrides() {
        Map<String, String> overrides = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.config."))
                .forEach(k -> overrides.put(k.substring("bench.config.".length()), System.getProperty(k)));
        return overrides;
    }

    /** One application on its own application id and its own output topics (named after the id). */
    private static Run measureApplication(BenchCluster cluster, AppConfig base, String id, long events,
                                          Function<TopologyEnv, Topology> topology) throws Exception {
        AppConfig config = base.with(Map.of(
                "streams.application.id", id,
                "topic.state", id + "-state",
                "topic.alerts", id + "-alerts",
                "topic.dead.letters", id + "-dead-letters"));
        TopologyEnv env = TopologyEnv.of(config, new SimpleMeterRegistry());
        TopicProvisioner.ensureTopics(config, env.topics().all());
        Properties props = BenchCluster.withStateDir(env.streamsProperties());
        // every applied event publishes one snapshot: the state topic count is the progress
        ThroughputMeter.Rate rate = ThroughputMeter.measure(cluster, new KafkaStreams(topology.apply(env), props), id, config.string("topic.state"), events);
        return new Run(rate, ThroughputMeter.writtenPerEvent(cluster, id, events));
    }

    /** Same Streams settings as the processor (exactly-once v2, commit, poll, linger): only the topology differs. */
    private static KafkaStreams passThrough(AppConfig config, String prefix) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(prefix + "-events", Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-source"))
                .to(prefix + "-pass-out", Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-sink"));
        Properties props = TopologyEnv.of(config.with("streams.application.id", prefix + "-pass"), new SimpleMeterRegistry())
                .streamsProperties();
        return new KafkaStreams(builder.build(), BenchCluster.withStateDir(props));
    }
}
