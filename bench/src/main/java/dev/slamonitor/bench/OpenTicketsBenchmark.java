package dev.slamonitor.bench;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.ProcessorTopology;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicProvisioner;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
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
 * policy sweep runs during the measurement. The probes are {@link BreachProbe}, the memory
 * {@link ProcessMemory}.
 */
final class OpenTicketsBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(OpenTicketsBenchmark.class);
    private static final String APP_ID = "ot-sla";

    /** What one step measured; lateness fields are null when the step had no probes. */
    record Step(long openTickets, double loadEventsPerSecond, Lateness visible, Lateness fired,
                Punctuation idlePunctuation, ProcessMemory memory) {
    }

    /** Mean and max of the SLA punctuations in an idle window (no due timer, no input). */
    record Punctuation(long count, double meanMicros, double maxMicros) {
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
        // own topic names, so this application never reads what the throughput step wrote
        this.config = cluster.prefixedConfig(APP_ID, "ot-");
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
                    BreachProbe.Result lateness = new BreachProbe(events, producer, alerts).run(target, probes);
                    visible = lateness.visible();
                    fired = lateness.fired();
                }
                ProcessMemory memory = target == steps.get(steps.size() - 1) ? ProcessMemory.measure(stateDir) : null;
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
            BenchCluster.send(producer, events, TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, now)
                    .severity(Severity.values()[(int) (i % 4)])
                    .customer(new Customer("C-" + (i % 5000), "business", false, "Europe/Berlin"))
                    .team("payments").channel("email").tier(SupportTier.L1).build());
        }
        producer.flush();
        return to - from;
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
}
