package dev.slamonitor.harness;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.testkit.Crc32Partitioner;
import dev.slamonitor.processor.ProcessorTopology;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault-injection harness: a 3-node KRaft cluster (RF 3, min.insync.replicas 2), stream processors
 * and the alert API as separate JVMs, a seeded workload published through a Java (murmur2) and a
 * CRC32 (librdkafka default) producer, faults on a schedule, and a report of what the on-call side
 * saw against what the {@link Oracle} expects.
 *
 * <p>Run: {@code java -cp <fault-harness classpath> dev.slamonitor.harness.FaultHarness [short|long|long-<min>] [seed]},
 * or through Maven (docs/reliability.md). Every figure is logged as one line starting with {@code HARNESS}.
 */
public final class FaultHarness {

    private static final Logger LOG = LoggerFactory.getLogger(FaultHarness.class);
    private static final String APP_ID = "harness-processor";
    private static final String API_KEY = "harness-responder-key";
    private static final int PARTITIONS = 6;
    private static final Duration DRAIN = Duration.ofSeconds(75);
    private static final String PROCESSOR_OVERRIDE = "harness.processor.";

    private final Profile profile;
    private final long seed;
    private final Path dir;
    private final List<ChildProcess> brokers = new ArrayList<>();
    private final List<ChildProcess> processors = new ArrayList<>();
    private final Map<String, Integer> processorPorts = new LinkedHashMap<>();
    private final List<Instant[]> faultWindows = new ArrayList<>();
    private final List<String> faultLog = new ArrayList<>();
    private final Map<String, Instant> ackAcceptedAt = new ConcurrentHashMap<>();
    private final ExecutorService ackSender = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ChildProcess api;
    private String bootstrap;
    private int apiPort;

    private FaultHarness(Profile profile, long seed, Path dir) {
        this.profile = profile;
        this.seed = seed;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.named(args.length > 0 ? args[0] : "short");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        HarnessReport report = run(profile, seed);
        System.exit(report.passed() ? 0 : 1);
    }

    /** Runs one profile end to end and returns its report (also logged line by line). */
    public static HarnessReport run(Profile profile, long seed) throws Exception {
        Path dir = Files.createTempDirectory("fault-harness-");
        FaultHarness harness = new FaultHarness(profile, seed, dir);
        try {
            return harness.execute();
        } finally {
            harness.shutdown();
        }
    }

    private HarnessReport execute() throws Exception {
        String loadAtStart = loadAverage();
        startCluster();
        AppConfig config = processorConfig(0);
        TopicProvisioner.ensureTopics(config, Topics.from(config).all());
        Topics topics = Topics.from(config);
        SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(config), topics.policies().name(),
                BundledDocument.bytes(FaultHarness.class, "/policies/harness-policy.json"));
        for (int i = 0; i < profile.processors(); i++) {
            startProcessor(i);
        }
        startApi();
        awaitReady(Duration.ofSeconds(180));
        awaitPolicyValid(topics.policiesValid().name());
        // the global store, then each task's catalog cache, pick the policy up shortly after it is valid
        Thread.sleep(5_000);

        Instant start = Instant.now().plusSeconds(2);
        Workload workload = new Workload(seed, start, profile.workload(), profile.ticketsPerSecond());
        Map<String, Workload.Kind> kinds = new ConcurrentHashMap<>();
        workload.tickets().forEach(t -> kinds.put(t.id(), t.kind()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             AlertRecorder recorder = new AlertRecorder(bootstrap, topics.alerts().name(), "H-",
                     alert -> onAlert(alert, kinds));
             Observer observer = new Observer(admin, APP_ID, stagedTopics(topics), processorPorts);
             KafkaProducer<String, byte[]> java = producer(false);
             KafkaProducer<String, byte[]> crc = producer(true)) {
            Thread faults = new Thread(() -> runFaults(start, java, topics.events().name(), observer), "harness-faults");
            faults.setDaemon(true);
            faults.start();
            publish(workload, java, crc, topics.events().name());
            List<Oracle.Expected> expected = Oracle.expected(workload);
            awaitAlerts(recorder, expected, start.plus(profile.workload()).plus(DRAIN), observer);
            faults.join(60_000);
            Thread.sleep(3_000); // late duplicates, if any, show up here
            HarnessReport report = HarnessReport.of(profile, seed, expected, recorder.seen(), ackAcceptedAt, faultWindows,
                    faultLog, observer, loadAtStart, loadAverage()).log();
            explainMissingBreaches(report, workload, recorder);
            return report;
        }
    }

    // ---- cluster and services -----------------------------------------------------------------

    private void startCluster() throws Exception {
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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
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

    private AppConfig processorConfig(int index) {
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

    private void startProcessor(int index) throws IOException {
        processorPorts.put("proc-" + index, freePort());
        Path file = dir.resolve("proc-" + index + ".properties");
        writeProperties(file, processorSettings(index));
        ChildProcess p = new ChildProcess("proc-" + index, "dev.slamonitor.processor.StreamProcessorMain", List.of(),
                Map.of("SLAMON_CONFIG_FILE", file.toString()), "384m", dir.resolve("proc-" + index + ".log"));
        p.start();
        processors.add(p);
    }

    private void startApi() throws Exception {
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

    private void awaitReady(Duration timeout) throws InterruptedException {
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

    private void awaitPolicyValid(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "harness-policy-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
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

    private KafkaProducer<String, byte[]> producer(boolean crc32) {
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

    private static List<String> stagedTopics(Topics topics) {
        List<String> all = new ArrayList<>();
        ProcessorTopology.inputStages(topics, APP_ID).forEach(all::addAll);
        return all;
    }

    // ---- workload, acks and faults ------------------------------------------------------------

    private void publish(Workload workload, KafkaProducer<String, byte[]> java, KafkaProducer<String, byte[]> crc,
                         String topic) throws InterruptedException {
        for (Workload.Planned p : workload.events()) {
            long wait = Duration.between(Instant.now(), p.at()).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            KafkaProducer<String, byte[]> producer = p.via() == Workload.Via.CRC32 ? crc : java;
            producer.send(new ProducerRecord<>(topic, p.event().ticketId(), json(p.event())));
        }
        java.flush();
        crc.flush();
    }

    /** An ACKED ticket's breach is acknowledged through the alert API, as a person on call would. */
    private void onAlert(Alert alert, Map<String, Workload.Kind> kinds) {
        if (alert.type() != dev.slamonitor.alert.AlertType.BREACH || !alert.notifies() || kinds.get(alert.ticketId()) != Workload.Kind.ACKED
                || ackAcceptedAt.containsKey(alert.ticketId())) {
            return;
        }
        ackSender.submit(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                                    + "/api/v1/alerts/" + alert.alertId() + "/ack"))
                            .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(3))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"harness\",\"note\":\"seen\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202 || response.statusCode() == 200) {
                        ackAcceptedAt.put(alert.ticketId(), Instant.now());
                        return;
                    }
                } catch (Exception e) {
                    // API busy or restarting: retry
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
            LOG.warn("HARNESS could not acknowledge {} of {} through the API within 30 s", alert.alertId(), alert.ticketId());
        });
    }

    private void runFaults(Instant start, KafkaProducer<String, byte[]> producer, String topic, Observer observer) {
        try {
            for (Profile.Fault f : profile.faults()) {
                long wait = Duration.between(Instant.now(), start.plus(f.at())).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                Instant began = Instant.now();
                String what = switch (f.kind()) {
                    case KILL_PROCESSOR -> {
                        ChildProcess p = processors.get(f.target() % processors.size());
                        p.kill();
                        observer.killed(p.name(), System.currentTimeMillis());
                        Thread.sleep(f.holdFor().toMillis());
                        p.start();
                        yield "kill -9 " + p.name() + ", restarted after " + f.holdFor().toSeconds() + " s";
                    }
                    case FREEZE_PROCESSOR -> {
                        ChildProcess p = processors.get(f.target() % processors.size());
                        p.freeze();
                        Thread.sleep(f.holdFor().toMillis());
                        p.thaw();
                        yield "SIGSTOP " + p.name() + " for " + f.holdFor().toSeconds() + " s (session timeout 10 s), SIGCONT";
                    }
                    case KILL_BROKER -> {
                        ChildProcess b = brokers.get(f.target() - 1);
                        b.kill();
                        Thread.sleep(f.holdFor().toMillis());
                        b.start();
                        yield "kill -9 " + b.name() + ", restarted after " + f.holdFor().toSeconds() + " s";
                    }
                    case BURST -> {
                        burst(producer, topic, f.target());
                        yield "burst of " + f.target() + " events in " + Duration.between(began, Instant.now()).toMillis() + " ms";
                    }
                };
                Instant ended = Instant.now();
                faultWindows.add(new Instant[] {began, ended.plusSeconds(15)});
                faultLog.add(String.format("t+%ds %s", Duration.between(start, began).toSeconds(), what));
                LOG.info("HARNESS fault at t+{}s: {} (input pending {})", Duration.between(start, began).toSeconds(), what,
                        observer.pending());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Re-deliveries of one event (no-ops for the engine, but each must be read), spread over every partition. */
    private void burst(KafkaProducer<String, byte[]> producer, String topic, int events) {
        TicketEvent again = TicketEvent.builder(EventType.TICKET_OPENED, "fill-" + seed, "FILL-" + seed, Instant.now())
                .severity(Severity.LOW).customer(new Customer("C-FILL", "business", false, "UTC")).team("harness")
                .channel("email").build();
        byte[] bytes = json(again);
        for (int i = 0; i < events; i++) {
            producer.send(new ProducerRecord<>(topic, i % PARTITIONS, again.ticketId(), bytes));
        }
        producer.flush();
    }

    /**
     * Waits for the alerts: until every expected one arrived (and 50 s passed for stray ones), or the
     * input has been fully applied for 40 s (a re-notify chain takes 20 s), at the latest 5 minutes
     * after {@code deadline}, so that alerts delayed by the faults are not counted missing too early.
     */
    private void awaitAlerts(AlertRecorder recorder, List<Oracle.Expected> expected, Instant deadline, Observer observer)
            throws InterruptedException {
        java.util.Set<String> keys = new java.util.HashSet<>();
        expected.forEach(e -> keys.add(e.key()));
        Instant quietSince = null;
        Instant hardStop = deadline.plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(hardStop)) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            recorder.seen().forEach(s -> seen.add(HarnessReport.key(s.alert())));
            Instant now = Instant.now();
            if (seen.containsAll(keys) && now.isAfter(deadline.minus(DRAIN).plusSeconds(50))) {
                return;
            }
            quietSince = observer.pending() > 0 ? null : quietSince == null ? now : quietSince;
            if (now.isAfter(deadline) && quietSince != null && Duration.between(quietSince, now).toSeconds() >= 40) {
                return;
            }
            Thread.sleep(1_000);
        }
    }

    /** For each missing breach: the ticket's plan and every alert seen for it, to tell a lost breach from a late one. */
    private static void explainMissingBreaches(HarnessReport report, Workload workload, AlertRecorder recorder) {
        report.missingSamples().stream().filter(k -> k.contains("|BREACH|")).forEach(k -> {
            String ticket = k.substring(0, k.indexOf('|'));
            workload.tickets().stream().filter(t -> t.id().equals(ticket)).findFirst().ifPresent(t ->
                    LOG.info("HARNESS missing breach of {} ({}, via {}, opened {}); its alerts: {}", ticket, t.kind(), t.via(),
                            t.openedAt(), recorder.seen().stream().filter(a -> a.alert().ticketId().equals(ticket))
                                    .map(a -> a.alert().type() + " firedAt " + a.alert().firedAt() + " seen " + a.receivedAt())
                                    .toList()));
        });
    }

    private void shutdown() {
        ackSender.shutdownNow();
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

    private static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
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
