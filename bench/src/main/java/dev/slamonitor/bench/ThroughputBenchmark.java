package dev.slamonitor.bench;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketEventReader;
import dev.slamonitor.json.Json;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.ProcessorTopology;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.ingest.EventIngestTopology;
import dev.slamonitor.processor.sla.SlaTopology;
import dev.slamonitor.topic.TopicProvisioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * (a) events/s and CPU per event through five applications over the same pre-produced input on the
 * same broker in one run, all exactly-once on the same Streams settings: the identity pass-through,
 * the stateful pass-through (the I/O of any per-ticket topology), validated ingest, the SLA topology
 * (the measure) and the full processor. Ratios are the numbers to compare: absolute rates
 * swing with the machine.
 */
final class ThroughputBenchmark {

    /**
     * @param writtenPerEvent records the application wrote per input event, by topic (changelogs,
     *                        repartition and output topics): what the broker has to append and the
     *                        transaction has to wait for, compared with one for the pass-through
     */
    record Run(Rate rate, Map<String, Double> writtenPerEvent) {
    }

    /**
     * @param ingest validated ingest only: every event parsed and checked against the JSON Schema,
     *               then written back as JSON, no state; the ceiling of any topology that validates
     */
    record Result(long events, Run passThrough, Run stateful, Run ingest, Run sla, Run full) {
    }

    /** Size of the stateful pass-through's store value: about the SLA topology's per-ticket value. */
    static final int STATEFUL_VALUE_BYTES = Integer.getInteger("bench.stateful.valueBytes", 1_100);
    /** Size of the stateful pass-through's output: about one snapshot on the state topic. */
    static final int STATEFUL_OUTPUT_BYTES = Integer.getInteger("bench.stateful.outputBytes", 1_500);

    private static final int BLOCK = 1_000;

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
            round(cluster, "tp-warm", produce(cluster, "tp-warm-events", "W", warmUpTickets, eventsPerTicket));
        }
        return round(cluster, "tp", produce(cluster, "tp-events", "TP", tickets, eventsPerTicket));
    }

    private static Result round(BenchCluster cluster, String prefix, long events) throws Exception {
        AppConfig base = AppConfig.load(Map.of()).with(Map.of(
                "kafka.bootstrap.servers", cluster.bootstrap(),
                "topic.events", prefix + "-events",
                "topic.partitions", "3")).with(overrides());
        Run pass = new Run(measure(cluster, passThrough(base, prefix), prefix + "-pass", prefix + "-pass-out", events),
                writtenPerEvent(cluster, prefix + "-pass", events));
        Run stateful = measureApplication(cluster, base, prefix + "-stateful", events, ThroughputBenchmark::statefulPassThrough);
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
        Rate rate = measure(cluster, new KafkaStreams(topology.apply(env), props), id, config.string("topic.state"), events);
        return new Run(rate, writtenPerEvent(cluster, id, events));
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

    /**
     * The I/O any per-ticket topology must do, with nothing else: per event one store get and one put
     * of a value the size of the SLA ticket value, and one output the size of a snapshot, on the same
     * Streams settings (exactly-once, the same record cache on the store). The fair reference for the
     * SLA topology; the identity pass-through never touches state.
     */
    private static Topology statefulPassThrough(TopologyEnv env) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("bench-stateful-values"),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.stream(env.topics().events().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-stateful-source"))
                .processValues(StatefulPassThrough::new, Named.as("bench-stateful-apply"), "bench-stateful-values")
                .to(env.topics().state().name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-stateful-sink"));
        return builder.build();
    }

    /** One get, one put, one output per event: see {@link #statefulPassThrough}. */
    private static final class StatefulPassThrough implements FixedKeyProcessor<String, byte[], byte[]> {
        private FixedKeyProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore("bench-stateful-values");
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            byte[] old = store.get(record.key());
            // a new array per event, as a serializer produces, with content that changes
            byte[] next = old == null ? new byte[STATEFUL_VALUE_BYTES] : old.clone();
            next[record.value().length % next.length]++;
            store.put(record.key(), next);
            byte[] out = new byte[STATEFUL_OUTPUT_BYTES];
            System.arraycopy(next, 0, out, 0, Math.min(next.length, out.length));
            context.forward(record.withValue(out));
        }
    }

    /**
     * @param streamCpuMicrosPerEvent CPU time of the application's stream thread per event: the cost
     *                                of the topology itself, steadier than the rate when other
     *                                processes share the cores
     * @param jvmCpuMicrosPerEvent    CPU time of the whole JVM per event (broker, clients, GC and the
     *                                reader included): what caps events/s on a small machine
     */
    record Rate(double perSecond, double streamCpuMicrosPerEvent, double jvmCpuMicrosPerEvent) {
    }

    private static Rate measure(BenchCluster cluster, KafkaStreams streams, String appId, String output, long expected) throws Exception {
        try (KafkaConsumer<String, byte[]> reader = cluster.committedReader(output)) {
            streams.start();
            // Time from RUNNING: topic creation and the first rebalance are not throughput.
            BenchCluster.awaitRunning(streams, Duration.ofMinutes(2));
            long cpuBefore = streamThreadCpuNanos(appId);
            long jvmBefore = processCpuNanos();
            long start = System.nanoTime();
            long elapsed = BenchCluster.countUntil(reader, expected, start, Duration.ofMinutes(15));
            long cpu = streamThreadCpuNanos(appId) - cpuBefore;
            long jvm = processCpuNanos() - jvmBefore;
            return new Rate(expected / (elapsed / 1e9), cpu / 1e3 / expected, jvm / 1e3 / expected);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static long streamThreadCpuNanos(String appId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(appId + "-") && t.getName().contains("-StreamThread-"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId())))
                .sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, Double> writtenPerEvent(BenchCluster cluster, String id, long events) throws Exception {
        Map<String, Double> perEvent = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            var topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(id + "-")).toList();
            var partitions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach((name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            // end offsets count transaction markers too; under exactly-once they are part of the write cost
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) ->
                    perEvent.merge(tp.topic().substring(id.length() + 1), info.offset() / (double) events, Double::sum));
        }
        perEvent.values().removeIf(v -> v < 0.005);
        return perEvent;
    }

    /** One input record as the benchmark publishes it. */
    private record Input(String key, byte[] value, long timestamp) {
    }

    private static long produce(BenchCluster cluster, String topic, String idPrefix, int tickets, int eventsPerTicket) throws Exception {
        List<Input> events = events(idPrefix, tickets, eventsPerTicket);
        try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
            for (Input e : events) {
                producer.send(new ProducerRecord<>(topic, null, e.timestamp(), e.key(), e.value()));
            }
            producer.flush();
        }
        return events.size();
    }

    /**
     * One TICKET_OPENED then alternating customer and agent replies per ticket. Tickets go in blocks
     * of {@value #BLOCK}: the block's first events, then its second events, and so on, so one ticket's
     * events are a block apart, as in production where they arrive minutes or hours apart, and the
     * record cache cannot fold them into one changelog write.
     */
    private static List<Input> events(String idPrefix, int tickets, int eventsPerTicket) throws Exception {
        // Recent events with millisecond precision, as help desks send them: the run measures event
        // processing, not a catch-up burst of timers (part (b) measures timers).
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(1));
        List<Input> events = new ArrayList<>(tickets * eventsPerTicket);
        for (int block = 0; block < tickets; block += BLOCK) {
            for (int e = 0; e < eventsPerTicket; e++) {
                for (int i = block; i < Math.min(tickets, block + BLOCK); i++) {
                    TicketEvent event = event(idPrefix + "-" + i, i, e, t0.plusMillis(i));
                    events.add(new Input(event.ticketId(), Json.mapper().writeValueAsBytes(event), event.occurredAt().toEpochMilli()));
                }
            }
        }
        return events;
    }

    private static TicketEvent event(String id, int i, int e, Instant openedAt) {
        if (e == 0) {
            return TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, openedAt)
                    .severity(Severity.values()[i % 4]).customer(new Customer("C-" + (i % 500), "business", i % 50 == 0, "Europe/Berlin"))
                    .team("payments").channel("email").tier(SupportTier.L1).build();
        }
        EventType type = e % 2 == 1 ? EventType.CUSTOMER_REPLIED : EventType.AGENT_REPLIED;
        return TicketEvent.builder(type, id + "-" + e, id, openedAt.plusSeconds(e)).build();
    }

}
