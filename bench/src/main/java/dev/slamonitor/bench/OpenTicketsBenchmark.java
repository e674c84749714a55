package dev.slamonitor.bench;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.ProcessorTopology;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicProvisioner;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * (b) breach lateness, (c) punctuation cost with no due timer and (d) memory and disk, all against
 * one running processor whose open-ticket count grows step by step (e.g. 10 k, 100 k, 1 M).
 *
 * <p>Open tickets ({@code OPEN-*}) run under a policy with deadlines days away, so they add state
 * and index entries but never fall due during a run. Probe tickets ({@code PROBE-*}) run under a
 * policy whose first-response deadline passes seconds after opening; the lateness of a probe's
 * BREACH is the wall-clock time a read_committed consumer sees it minus its deadline (what an
 * on-call manager experiences), and {@code firedAt - deadline} (the engine's own delay). Both
 * policies are published and on the validated-policy topic before any ticket is sent, so no
 * policy sweep runs during the measurement.
 */
final class OpenTicketsBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(OpenTicketsBenchmark.class);
    private static final String APP_ID = "ot-sla";
    private static final long MAX_TRACKABLE_MS = TimeUnit.MINUTES.toMillis(10);

    /** What one step measured; lateness fields are null when the step had no probes. */
    record Step(long openTickets, double loadEventsPerSecond, Lateness visible, Lateness fired,
                Punctuation idlePunctuation, Memory memory) {
    }

    record Lateness(long count, long p50Ms, long p99Ms, long maxMs) {
        static Lateness of(Histogram h) {
            return new Lateness(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    /** Mean and max of the SLA punctuations in an idle window (no due timer, no input). */
    record Punctuation(long count, double meanMicros, double maxMicros) {
    }

    record Memory(long heapAfterGcBytes, long rssBytes, long stateDirBytes, Map<String, Long> storeBytes) {
    }

    private final BenchCluster cluster;
    private final AppConfig config;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Path stateDir;
    private final String events;
    private final Map<String, Object> clientConfig;

    OpenTicketsBenchmark(BenchCluster cluster) throws IOException {
        this.cluster = cluster;
        this.stateDir = Files.createTempDirectory("bench-open-state-");
        Map<String, String> overrides = new HashMap<>();
        overrides.put("kafka.bootstrap.servers", cluster.bootstrap());
        overrides.put("streams.application.id", APP_ID);
        overrides.put("topic.partitions", "3");
        // own topic names, so this application never reads what the throughput step wrote
        AppConfig defaults = AppConfig.load(Map.of());
        for (String key : List.of("events", "policies", "policies.valid", "acks", "alerts", "state", "dead.letters",
                "refund.governance", "refund.governance.active", "refund.approvals", "refund.leakage")) {
            overrides.put("topic." + key, "ot-" + defaults.string("topic." + key));
        }
        this.config = defaults.with(overrides);
        this.events = config.string("topic.events");
        this.clientConfig = KafkaClientConfig.common(config);
    }

    /**
     * @param steps      open-ticket counts to reach, ascending
     * @param probeSteps the steps at which breach lateness is measured
     */
    List<Step> run(List<Integer> steps, List<Integer> probeSteps, int probes, Duration idleWindow) throws Exception {
        TopologyEnv env = TopologyEnv.of(config, registry);
        TopicProvisioner.ensureTopics(config, env.topics().all());
        Properties props = env.streamsProperties();
        props.put("state.dir", stateDir.toString());
        List<Step> results = new ArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(ProcessorTopology.build(env), props);
             KafkaProducer<String, byte[]> producer = cluster.producer();
             KafkaConsumer<String, byte[]> alerts = cluster.committedReader(config.string("topic.alerts"));
             Admin admin = Admin.create(clientConfig)) {
            streams.start();
            BenchCluster.awaitRunning(streams, Duration.ofMinutes(2));
            publishPolicy("bench-open-policy.json", "bench-open");
            publishPolicy("bench-probe-policy.json", "bench-probe");
            // the task-local policy cache refreshes on the next punctuation (50 ms)
            Thread.sleep(1_000);

            long open = 0;
            for (int target : steps) {
                long started = System.nanoTime();
                long sent = loadOpenTickets(producer, open, target);
                BenchCluster.awaitConsumed(admin, APP_ID, events, 3, Duration.ofMinutes(60));
                double rate = sent / ((System.nanoTime() - started) / 1e9);
                open = target;
                LOG.info("{} open tickets loaded ({} ev/s)", open, Math.round(rate));
                Thread.sleep(2_000); // let the last commit and compactions settle before timing idle punctuations
                Punctuation idle = idlePunctuation(idleWindow);
                Lateness visible = null;
                Lateness fired = null;
                if (probeSteps.contains(target)) {
                    Histogram[] lateness = probe(producer, alerts, target, probes);
                    visible = Lateness.of(lateness[0]);
                    fired = Lateness.of(lateness[1]);
                }
                Memory memory = target == steps.get(steps.size() - 1) ? memory() : null;
                results.add(new Step(open, rate, visible, fired, idle, memory));
            }
            streams.close(Duration.ofSeconds(30));
        }
        return results;
    }

    private void publishPolicy(String resource, String id) throws Exception {
        byte[] json;
        try (InputStream in = OpenTicketsBenchmark.class.getResourceAsStream("/policies/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing /policies/" + resource);
            }
            json = in.readAllBytes();
        }
        SlaPolicyChannel.publishIfNewer(clientConfig, config.string("topic.policies"), json);
        try (KafkaConsumer<String, byte[]> valid = cluster.committedReader(config.string("topic.policies.valid"))) {
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, byte[]> r : valid.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key())) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("Policy " + id + " did not reach the validated-policy topic");
    }

    private long loadOpenTickets(KafkaProducer<String, byte[]> producer, long from, long to) throws Exception {
        Instant now = Instant.now();
        for (long i = from; i < to; i++) {
            String id = "OPEN-" + i;
            send(producer, TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, now)
                    .severity(Severity.values()[(int) (i % 4)])
                    .customer(new Customer("C-" + (i % 5000), "business", false, "Europe/Berlin"))
                    .team("payments").channel("email").tier(SupportTier.L1).build());
        }
        producer.flush();
        return to - from;
    }

    private void send(KafkaProducer<String, byte[]> producer, TicketEvent event) throws Exception {
        producer.send(new ProducerRecord<>(events, null, event.occurredAt().toEpochMilli(), event.ticketId(),
                Json.mapper().writeValueAsBytes(event)));
    }


    private Punctuation idlePunctuation(Duration window) throws InterruptedException {
        Timer timer = registry.get("slamon.punctuation").tag("feature", "sla").timer();
        long count0 = timer.count();
        double total0 = timer.totalTime(TimeUnit.MICROSECONDS);
        Thread.sleep(window.toMillis());
        long count = timer.count() - count0;
        double total = timer.totalTime(TimeUnit.MICROSECONDS) - total0;
        // max() is the largest in the timer's recent window (the last ~2 min), so it may include load-time punctuations
        return new Punctuation(count, count == 0 ? 0 : total / count, timer.max(TimeUnit.MICROSECONDS));
    }

    /** Opens {@code probes} probe tickets spread over time and returns [visible, fired] lateness histograms. */
    private Histogram[] probe(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> alerts, int step,
                              int probes) throws Exception {
        Histogram visible = new Histogram(MAX_TRACKABLE_MS, 3);
        Histogram fired = new Histogram(MAX_TRACKABLE_MS, 3);
        String prefix = "PROBE-" + step + "-";
        long spacingMs = 20; // 50 probe openings per second
        long lastOpen = 0;
        int opened = 0;
        long deadlineOfLast = Long.MAX_VALUE;
        long until = Long.MAX_VALUE;
        long started = System.currentTimeMillis();
        while (visible.getTotalCount() < probes) {
            long now = System.currentTimeMillis();
            if (opened < probes && now - lastOpen >= spacingMs) {
                String id = prefix + opened;
                send(producer, TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, Instant.ofEpochMilli(now))
                        .severity(Severity.values()[opened % 4])
                        .customer(new Customer("C-probe", "business", false, "Europe/Berlin"))
                        .team("payments").channel("email").tier(SupportTier.L1).build());
                producer.flush();
                lastOpen = now;
                opened++;
                if (opened == probes) {
                    deadlineOfLast = now + 4_000;
                    until = deadlineOfLast + 60_000;
                }
            }
            for (ConsumerRecord<String, byte[]> r : alerts.poll(Duration.ofMillis(5))) {
                long seenAt = System.currentTimeMillis();
                if (r.key() == null || !r.key().startsWith(prefix)) {
                    continue;
                }
                Alert alert = Json.mapper().readValue(r.value(), Alert.class);
                if (alert.type() == AlertType.BREACH && "first_response".equals(alert.clock())) {
                    long deadline = alert.deadline().toEpochMilli();
                    visible.recordValue(Math.min(MAX_TRACKABLE_MS, Math.max(0, seenAt - deadline)));
                    fired.recordValue(Math.min(MAX_TRACKABLE_MS, Math.max(0, alert.firedAt().toEpochMilli() - deadline)));
                }
            }
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("Only " + visible.getTotalCount() + " of " + probes
                        + " probe breaches within a minute after the last deadline");
            }
        }
        LOG.info("{} probes at {} open tickets took {} s", probes, step, (System.currentTimeMillis() - started) / 1000);
        return new Histogram[] {visible, fired};
    }

    private Memory memory() throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heapAfterGc = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null)
                .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
        Map<String, Long> stores = new TreeMap<>();
        long total;
        try (Stream<Path> files = Files.walk(stateDir)) {
            total = 0;
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                long size = Files.size(f);
                total += size;
                stores.merge(storeOf(stateDir.relativize(f)), size, Long::sum);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Memory(heapAfterGc, rss(), total, stores);
    }

    /** appId/taskId/rocksdb/store/... (key-value) or appId/taskId/store/segment/... (window) -> store. */
    private static String storeOf(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 2; i++) {
            if (relative.getName(i).toString().matches("\\d+_\\d+|global")) {
                String next = relative.getName(i + 1).toString();
                return next.equals("rocksdb") && i + 2 < relative.getNameCount() - 1 ? relative.getName(i + 2).toString() : next;
            }
        }
        return "(other)";
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("No RSS: {}", e.toString());
        }
        return -1;
    }
}
