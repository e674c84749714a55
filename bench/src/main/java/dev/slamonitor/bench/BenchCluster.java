package dev.slamonitor.bench;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.embedded.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/** The embedded broker a benchmark run uses, with the clients it needs. */
final class BenchCluster implements AutoCloseable {

    final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();

    String bootstrap() {
        return broker.bootstrapServers();
    }

    /**
     * The processor's configuration for one benchmark application on this broker: its own application
     * id, three partitions, and every topic name prefixed with {@code topicPrefix}, so the application
     * never reads what another part of the run wrote.
     */
    AppConfig prefixedConfig(String applicationId, String topicPrefix) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("kafka.bootstrap.servers", bootstrap());
        overrides.put("streams.application.id", applicationId);
        overrides.put("topic.partitions", "3");
        AppConfig defaults = AppConfig.load(Map.of());
        for (String key : List.of("events", "policies", "policies.valid", "acks", "alerts", "state", "dead.letters",
                "refund.governance", "refund.governance.active", "refund.approvals", "refund.leakage")) {
            overrides.put("topic." + key, topicPrefix + defaults.string("topic." + key));
        }
        return defaults.with(overrides);
    }

    /** Sends one event as a producer would: JSON, keyed by ticketId, timestamped with its occurredAt. */
    static void send(KafkaProducer<String, byte[]> producer, String topic, TicketEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), event.ticketId(),
                Json.mapper().writeValueAsBytes(event)));
    }

    void createTopics(int partitions, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer());
    }

    KafkaConsumer<String, byte[]> committedReader(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Blocks until the application is RUNNING. */
    static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Streams not RUNNING after " + timeout + ": " + streams.state());
            }
            Thread.sleep(20);
        }
    }

    /** Reads committed records until {@code expected} arrived; returns the elapsed nanoseconds. */
    static long countUntil(KafkaConsumer<String, byte[]> reader, long expected, long startNanos, Duration timeout) {
        long seen = 0;
        long until = System.nanoTime() + timeout.toNanos();
        while (seen < expected) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Only " + seen + " of " + expected + " records after " + timeout);
            }
            seen += reader.poll(Duration.ofMillis(100)).count();
        }
        return System.nanoTime() - startNanos;
    }

    /**
     * Waits until the application's committed offsets reach the end of the events topic's partitions
     * and of every other partition it commits (its repartition topics): everything sent is applied.
     */
    static void awaitConsumed(Admin admin, String applicationId, String events, int partitions,
                              Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(events, p), OffsetSpec.latest());
            }
            committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            boolean done = ends.entrySet().stream().allMatch(e -> {
                var c = committed.get(e.getKey());
                return e.getValue().offset() == 0 || (c != null && c.offset() >= e.getValue().offset());
            });
            if (done) {
                return;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("Events not consumed after " + timeout);
            }
            Thread.sleep(200);
        }
    }

    static Properties withStateDir(Properties props) throws Exception {
        props.put("state.dir", java.nio.file.Files.createTempDirectory("bench-state-").toString());
        return props;
    }

    @Override
    public void close() {
        broker.close();
    }
}
