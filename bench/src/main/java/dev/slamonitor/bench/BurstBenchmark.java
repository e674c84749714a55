package dev.slamonitor.bench;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.ProcessorTopology;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicProvisioner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

/**
 * (e) timer bursts and (f) idle writes, against one running full processor on the embedded broker.
 *
 * <p>Burst: N tickets ({@code BURST<N>-*}) are opened with one and the same {@code occurredAt}
 * under a policy whose first-response target is far enough ahead for all of them to be loaded, so
 * all N first-response deadlines (and, at 75 %, all N warnings) fall on one instant, as business
 * hours align every overnight ticket on the opening time. Measured per BREACH: the wall-clock time
 * a read_committed consumer sees it minus the deadline, and {@code firedAt - deadline}. Meanwhile a
 * live ticket is opened every 20 ms ({@code LIVE-*}); the time until its snapshot is visible on the
 * state topic is the event latency during the burst.
 *
 * <p>One burst is a {@link BurstRun}. Idle ({@link IdleWrites}): once the bursts have drained
 * nothing is due for days; the end offsets of every topic (the application's changelogs,
 * repartition and output topics, and Kafka's own {@code __consumer_offsets} /
 * {@code __transaction_state}) are read before and after an idle window with no input.
 */
final class BurstBenchmark {

    private static final String APP_ID = "burst-sla";

    record Result(List<BurstRun.Burst> bursts, IdleWrites idle) {
    }

    private final BenchCluster cluster;
    private final AppConfig config;
    private final Map<String, Object> clientConfig;

    BurstBenchmark(BenchCluster cluster) {
        this.cluster = cluster;
        this.config = cluster.prefixedConfig(APP_ID, "burst-");
        this.clientConfig = KafkaClientConfig.common(config);
    }

    /** Runs the burst and idle parts with the sizes of the system properties and prints their BENCH lines. */
    static void runAndPrint(BenchCluster cluster) throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.burst.sizes", "10000,100000").split(","))
                .map(String::trim).filter(v -> !v.isEmpty()).map(Integer::valueOf).toList();
        Duration idle = Duration.ofSeconds(Integer.getInteger("bench.idle.writes.seconds", 60));
        Result result = new BurstBenchmark(cluster).run(sizes, idle);
        for (BurstRun.Burst b : result.bursts()) {
            SlaBenchmark.print("(e) burst %d breaches due at one instant: visible - deadline p50 %d ms, p99 %d ms, max %d ms;"
                            + " firedAt - deadline p50 %d ms, p99 %d ms, max %d ms (targets: 10k p99 <= 1 s, 100k all within 3 s)",
                    b.tickets(), b.visible().p50Ms(), b.visible().p99Ms(), b.visible().maxMs(),
                    b.fired().p50Ms(), b.fired().p99Ms(), b.fired().maxMs());
            SlaBenchmark.print("(e) burst %d: events during the burst (%d live openings, 50/s): snapshot visible after p50 %d ms, p99 %d ms, max %d ms",
                    b.tickets(), b.liveEvents().count(), b.liveEvents().p50Ms(), b.liveEvents().p99Ms(), b.liveEvents().maxMs());
        }
        SlaBenchmark.print("(f) idle %d s (no input, nothing due): %d records written to the application's topics (target 0); by topic %s",
                result.idle().window().toSeconds(), result.idle().applicationTotal(), result.idle().byTopic());
    }

    Result run(List<Integer> sizes, Duration idleWindow) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TopologyEnv env = TopologyEnv.of(config, registry);
        TopicProvisioner.ensureTopics(config, env.topics().all());
        Properties props = env.streamsProperties();
        props.put("state.dir", Files.createTempDirectory("bench-burst-state-").toString());
        List<BurstRun.Burst> bursts = new ArrayList<>();
        IdleWrites idle;
        try (KafkaStreams streams = new KafkaStreams(ProcessorTopology.build(env), props);
             KafkaProducer<String, byte[]> producer = cluster.producer();
             KafkaConsumer<String, byte[]> alerts = cluster.committedReader(config.string("topic.alerts"));
             KafkaConsumer<String, byte[]> state = cluster.committedReader(config.string("topic.state"));
             Admin admin = Admin.create(clientConfig)) {
            streams.start();
            BenchCluster.awaitRunning(streams, Duration.ofMinutes(2));
            for (int n : sizes) {
                publishPolicy(producer, n, lead(n));
            }
            awaitPolicies(sizes.size());
            Thread.sleep(1_000); // the task-local policy cache refreshes on the next punctuation
            BurstRun burst = new BurstRun(APP_ID, config.string("topic.events"), producer, alerts, state, admin);
            for (int n : sizes) {
                bursts.add(burst.run(n, lead(n)));
            }
            Thread.sleep(5_000); // the last commits and the deferred snapshots settle
            idle = IdleWrites.measure(admin, idleWindow);
            streams.close(Duration.ofSeconds(30));
        }
        return new Result(bursts, idle);
    }

    /** Time from the shared opening instant to the shared deadline: enough to load n tickets on a busy box. */
    private static Duration lead(int n) {
        return Duration.ofSeconds(Integer.getInteger("bench.burst.lead.seconds", 45 + n / 1_000));
    }

    private void publishPolicy(KafkaProducer<String, byte[]> producer, int n, Duration target) throws IOException {
        String template;
        try (InputStream in = BurstBenchmark.class.getResourceAsStream("/policies/bench-burst-policy.json")) {
            if (in == null) {
                throw new IllegalStateException("Missing /policies/bench-burst-policy.json");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String json = template.replace("@N@", Integer.toString(n)).replace("@TARGET@", target.toSeconds() + "s");
        producer.send(new ProducerRecord<>(config.string("topic.policies"), "bench-burst-" + n, json.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    private void awaitPolicies(int count) {
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> valid = cluster.committedReader(config.string("topic.policies.valid"))) {
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, byte[]> r : valid.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith("bench-burst-")) {
                        seen.add(r.key());
                    }
                }
                if (seen.size() >= count) {
                    return;
                }
            }
        }
        throw new IllegalStateException("Burst policies did not reach the validated-policy topic: " + seen);
    }
}
