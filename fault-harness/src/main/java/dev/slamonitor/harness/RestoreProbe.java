package dev.slamonitor.harness;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.embedded.EmbeddedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restore after an unclean stop: one processor (its own JVM) applies N opened tickets, then, while it
 * is busy with a second wave of events (so an open transaction is left behind), it is killed with
 * SIGKILL and started again on the same state directory. Measured: kill to caught up again (every
 * input record applied and committed), which includes the abort of the dead producer's transaction
 * and the restore of the state the exactly-once restart wiped. Logs lines starting with {@code RESTORE}.
 *
 * <p>Arguments: tickets (default 100000). Processor settings: {@code -Dharness.processor.<key>=<value>}.
 */
public final class RestoreProbe {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreProbe.class);
    private static final String APP_ID = "restore-probe";

    private RestoreProbe() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("restore-probe-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, "262144"),
                     new StringSerializer(), new ByteArraySerializer())) {
            int port = 19_000 + (int) (ProcessHandle.current().pid() % 1000);
            StringBuilder props = new StringBuilder("kafka.bootstrap.servers=" + broker.bootstrapServers() + "\n"
                    + "streams.application.id=" + APP_ID + "\nstreams.state.dir=" + dir.resolve("state") + "\n"
                    + "processor.http.host=127.0.0.1\nprocessor.http.port=" + port + "\n");
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("harness.processor."))
                    .forEach(k -> props.append(k.substring("harness.processor.".length())).append('=')
                            .append(System.getProperty(k)).append('\n'));
            Path file = dir.resolve("processor.properties");
            Files.writeString(file, props);
            ChildProcess processor = new ChildProcess("processor", "dev.slamonitor.processor.StreamProcessorMain", List.of(),
                    Map.of("SLAMON_CONFIG_FILE", file.toString()), "1g", dir.resolve("processor.log"));
            processor.start();
            awaitHealthy(port);

            long loadStarted = System.nanoTime();
            Instant at = Instant.now().minusSeconds(60);
            for (int i = 0; i < tickets; i++) {
                producer.send(new ProducerRecord<>("ticket-events", "R-" + i, opened("R-" + i, at)));
            }
            producer.flush();
            awaitCaughtUp(admin, Duration.ofMinutes(20));
            LOG.info("RESTORE {} tickets applied in {} s (load average {})", tickets,
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - loadStarted), FaultHarness.loadAverage());
            Map<String, Long> changelogs = changelogRecords(admin);
            LOG.info("RESTORE changelog records: {}", changelogs);

            // a second wave keeps the processor inside transactions when it is killed
            for (int i = 0; i < Math.min(tickets, 20_000); i++) {
                producer.send(new ProducerRecord<>("ticket-events", "R-" + i,
                        json(TicketEvent.builder(EventType.AGENT_REPLIED, "reply-" + i, "R-" + i, at.plusSeconds(1)).build())));
            }
            producer.flush();
            Thread.sleep(1_500);
            processor.kill();
            long killed = System.nanoTime();
            processor.start();
            awaitHealthy(port);
            long healthy = System.nanoTime();
            awaitCaughtUp(admin, Duration.ofMinutes(20));
            long caughtUp = System.nanoTime();
            LOG.info("RESTORE kill -9 during a transaction, restart on the same state dir: healthy after {} ms, every input"
                    + " record applied and committed after {} ms (load average {}); settings: {}",
                    TimeUnit.NANOSECONDS.toMillis(healthy - killed), TimeUnit.NANOSECONDS.toMillis(caughtUp - killed),
                    FaultHarness.loadAverage(), props.toString().lines().filter(l -> l.startsWith("streams.")
                            && !l.startsWith("streams.state.dir") && !l.startsWith("streams.application.id")).toList());
            List<String> restoreLines = Files.readAllLines(dir.resolve("processor.log")).stream()
                    .filter(l -> l.contains("Finished restoring") || l.contains("Restoration took")).limit(20).toList();
            restoreLines.forEach(l -> LOG.info("RESTORE log: {}", l.length() > 300 ? l.substring(0, 300) : l));
            processor.kill();
        }
    }

    private static byte[] opened(String id, Instant at) {
        return json(TicketEvent.builder(EventType.TICKET_OPENED, "open-" + id, id, at).severity(Severity.LOW)
                .customer(new Customer("C-" + id, "business", false, "UTC")).team("restore").channel("email")
                .tier(SupportTier.L1).build());
    }

    private static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitHealthy(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < until) {
            for (String path : List.of("/health/ready", "/health")) {
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET()
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        return;
                    }
                    if (status != 404) {
                        break;
                    }
                } catch (Exception e) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("processor not healthy within 10 minutes");
    }

    /** Until the group's committed offsets reach the read_committed end of every input and repartition partition. */
    private static void awaitCaughtUp(Admin admin, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : List.of("ticket-events", APP_ID + "-events-by-ticket-repartition")) {
                try {
                    admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions()
                            .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                } catch (Exception e) {
                    // not created yet
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(5, TimeUnit.SECONDS)
                    .forEach((tp, i) -> ends.put(tp, i.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP_ID)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            boolean done = !ends.isEmpty() && ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
            if (done) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("not caught up within " + timeout);
    }

    private static Map<String, Long> changelogRecords(Admin admin) throws Exception {
        Map<String, Long> result = new HashMap<>();
        for (String store : List.of("sla-ticket-state", "sla-deadlines")) {
            String topic = APP_ID + "-" + store + "-changelog";
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            result.put(store, admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum());
        }
        return result;
    }
}
