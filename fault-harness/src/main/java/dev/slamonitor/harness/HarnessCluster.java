package dev.slamonitor.harness;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.kafka.testkit.Crc32Partitioner;
import dev.slamonitor.processor.StreamsSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of one harness run, each its own JVM: a 3-node KRaft cluster (RF 3,
 * min.insync.replicas 2), the stream processors (own state directories, {@code client.id=proc-<i>})
 * and the alert API; their settings, start-up, readiness waits, clients to reach them, and shutdown.
 */
final class HarnessCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HarnessCluster.class);
    static final String APP_ID = "harness-processor";
    static final String API_KEY = "harness-responder-key";
    static final int PARTITIONS = 6;
    private static final String PROCESSOR_OVERRIDE = "harness.processor.";

    private final Path dir;
    private final List<ChildProcess> brokers = new ArrayList<>();
    private final List<ChildProcess> processors = new ArrayList<>();
    private final Map<String, Integer> processorPorts = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ChildProcess api;
    private String bootstrap;
    private int apiPort;

    HarnessCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts the three KRaft nodes and waits until all three answer. */
    void startBrokers() throws Exception {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        int[] client = {freePort(), freePort(), freePort()};
        int[] controller = {freePort(), freePort(), freePort()};
        String voters = "1@127.0.0.1:" + controller[0] + ",2@127.0.0.1:" + controller[1] + ",3@127.0.0.1:" + controller[2];
        for (int n = 1; n <= 3; n++) {
            ChildProcess node = new ChildProcess("broker-" + n, ClusterNode.class.getName(),
                    List.of(String.valueOf(n), clusterId, dir.resolve("broker-" + n).toString(), voters,
                            String.valueOf(client[n - 1]), String.valueOf(controller[n - 1])),
                    Map.of(), "320m", dir.resolve("broker-" + n + ".log"));
            node.start();
            brokers.add(node);
        }
        bootstrap = "127.0.0.1:" + client[0] + ",127.0.0.1:" + client[1] + ",127.0.0.1:" + client[2];
        try (Admin admin = admin()) {
            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 3) {
                        break;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > until) {
                        throw new IllegalStateException("3-node cluster not up after 120 s; logs in " + dir, e);
                    }
                }
                Thread.sleep(200);
            }
        }
        LOG.info("HARNESS cluster: 3 KRaft nodes at {} (RF 3, min.insync.replicas 2), run directory {}", bootstrap, dir);
    }

    AppConfig processorConfig(int index) {
        return AppConfig.load(Map.of()).with(processorSettings(index));
    }

    private Map<String, String> processorSettings(int index) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("topic.partitions", String.valueOf(PARTITIONS));
        settings.put("topic.replication.factor", "3");
        settings.put("streams.application.id", APP_ID);
        settings.put("streams.replication.factor", "3");
        settings.put("streams.state.dir", dir.resolve("proc-" + index).toString());
        settings.put("streams.client.id", "proc-" + index);
        settings.put("processor.http.host", "127.0.0.1");
        settings.put("processor.http.port", String.valueOf(processorPorts.getOrDefault("proc-" + index, 0)));
        // readiness must go DOWN before the observer calls a partition stuck (no progress with lag for 5 s)
        settings.put("processor.health.stall.timeout", "3s");
        settings.put("processor.health.check.interval", "1s");
        if (Boolean.getBoolean("harness.static.membership")) {
            settings.put("streams.group.instance.id", "proc-" + index);
        }
        // -Dharness.processor.<key>=<value> overrides a processor setting (to measure one recovery choice)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(PROCESSOR_OVERRIDE))
                .forEach(k -> settings.put(k.substring(PROCESSOR_OVERRIDE.length()), System.getProperty(k)));
        return settings;
    }

    /** The processors' consumer session timeout in force (a default of {@code StreamsSettings} or an override). */
    String sessionTimeout() {
        Object ms = StreamsSettings.from(processorConfig(0)).get(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        return ms == null ? "Kafka's default" : Duration.ofMillis(Long.parseLong(ms.toString())).toSeconds() + " s";
    }

    void startProcessor(int index) throws IOException {
        processorPorts.put("proc-" + index, freePort());
        Path file = dir.resolve("proc-" + index + ".properties");
        writeProperties(file, processorSettings(index));
        ChildProcess p = new ChildProcess("proc-" + index, "dev.slamonitor.processor.StreamProcessorMain", List.of(),
                Map.of("SLAMON_CONFIG_FILE", file.toString()), "384m", dir.resolve("proc-" + index + ".log"));
        p.start();
        processors.add(p);
    }

    void startApi() throws Exception {
        apiPort = freePort();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        Path file = dir.resolve("api.properties");
        Files.writeString(file, String.join("\n", "kafka.bootstrap.servers=" + bootstrap, "topic.partitions=" + PARTITIONS,
                "topic.replication.factor=3", "api.http.host=127.0.0.1", "api.http.port=" + apiPort,
                "api.auth.keys=harness:" + hash + ":responder+viewer") + "\n");
        api = new ChildProcess("alert-api", "dev.slamonitor.api.AlertApiMain", List.of(),
                Map.of("SLAMON_CONFIG_FILE", file.toString()), "256m", dir.resolve("api.log"));
        api.start();
    }

    private static void writeProperties(Path file, Map<String, String> settings) throws IOException {
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text);
    }

    /** Waits until every processor and the API answer 200 on their readiness endpoint. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        List<String> waiting = new ArrayList<>(processorPorts.keySet());
        waiting.add("alert-api");
        while (!waiting.isEmpty() && System.nanoTime() < until) {
            waiting.removeIf(name -> ready(name.equals("alert-api") ? apiPort : processorPorts.get(name)));
            Thread.sleep(500);
        }
        if (!waiting.isEmpty()) {
            throw new IllegalStateException("not ready after " + timeout + ": " + waiting + "; logs in " + dir);
        }
    }

    private boolean ready(int port) {
        for (String path : List.of("/health/ready", "/health")) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 404) {
                    return status == 200;
                }
            } catch (Exception e) {
                return false;
            }
        }
        return false;
    }

    /** Waits until the policy with key {@code harness} shows up, validated, on {@code topic}. */
    void awaitPolicyValid(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "harness-policy-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if ("harness".equals(r.key())) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("harness policy not validated after 120 s; logs in " + dir);
    }

    /** An idempotent producer with Java's partitioner (murmur2) or librdkafka's default ({@code crc32}). */
    KafkaProducer<String, byte[]> producer(boolean crc32) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        if (crc32) {
            props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName());
        }
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** The processor a fault targets (round robin over the running ones). */
    ChildProcess processor(int target) {
        return processors.get(target % processors.size());
    }

    /** Broker by KRaft node id (1-3). */
    ChildProcess broker(int nodeId) {
        return brokers.get(nodeId - 1);
    }

    int processorCount() {
        return processors.size();
    }

    /** Processor name to its HTTP port (metrics and health). */
    Map<String, Integer> processorPorts() {
        return processorPorts;
    }

    String bootstrap() {
        return bootstrap;
    }

    int apiPort() {
        return apiPort;
    }

    Path dir() {
        return dir;
    }

    /** Kills every process (processors, API, then brokers). */
    @Override
    public void close() {
        List<ChildProcess> all = new ArrayList<>(processors);
        if (api != null) {
            all.add(api);
        }
        all.addAll(brokers);
        for (ChildProcess p : all) {
            try {
                p.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("HARNESS logs and data of this run: {}", dir);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
