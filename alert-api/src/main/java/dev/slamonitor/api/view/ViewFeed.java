package dev.slamonitor.api.view;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.Json;
import dev.slamonitor.state.TicketSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the state and alerts topics in full on its own thread (every partition assigned, from the
 * beginning, read_committed, no consumer group) and hands decoded batches to a sink, waiting for
 * each batch to be applied before polling again, so the view never falls behind unboundedly and
 * the event loop never runs a Kafka call. A batch says whether the feed has caught up with the end
 * offsets it saw at start (the instance is ready then).
 */
public final class ViewFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ViewFeed.class);

    /** A snapshot update; {@code snapshot} null is a tombstone. */
    public record SnapshotRecord(String ticketId, TicketSnapshot snapshot) {
    }

    public record AlertRecord(int partition, long offset, Alert alert) {
    }

    public record Batch(List<SnapshotRecord> snapshots, List<AlertRecord> alerts, boolean caughtUp) {
    }

    private final Map<String, Object> props;
    private final String stateTopic;
    private final String alertsTopic;
    private final Function<Batch, CompletionStage<Void>> sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public ViewFeed(Map<String, Object> clientProps, String stateTopic, String alertsTopic,
                    Function<Batch, CompletionStage<Void>> sink) {
        this.props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alert-api-view-" + Long.toHexString(System.nanoTime()));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.stateTopic = stateTopic;
        this.alertsTopic = alertsTopic;
        this.sink = sink;
        this.thread = new Thread(this::run, "alert-api-view-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            this.consumer = c;
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(stateTopic, alertsTopic)) {
                c.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = c.endOffsets(partitions);
            boolean caughtUp = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
                boolean nowCaughtUp = caughtUp || target.entrySet().stream()
                        .allMatch(e -> c.position(e.getKey()) >= e.getValue());
                if (!records.isEmpty() || nowCaughtUp != caughtUp) {
                    sink.apply(decode(records, nowCaughtUp)).toCompletableFuture().get();
                    if (nowCaughtUp && !caughtUp) {
                        LOG.info("Live view caught up with {} and {}", stateTopic, alertsTopic);
                    }
                    caughtUp = nowCaughtUp;
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("View feed woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            LOG.error("View feed stopped: the live view no longer updates", e);
        }
    }

    private Batch decode(ConsumerRecords<byte[], byte[]> records, boolean caughtUp) {
        List<SnapshotRecord> snapshots = new ArrayList<>();
        List<AlertRecord> alerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                if (r.topic().equals(stateTopic)) {
                    if (r.key() == null) {
                        continue;
                    }
                    TicketSnapshot s = r.value() == null ? null : Json.mapper().readValue(r.value(), TicketSnapshot.class);
                    snapshots.add(new SnapshotRecord(new String(r.key(), StandardCharsets.UTF_8), s));
                } else if (r.value() != null) {
                    alerts.add(new AlertRecord(r.partition(), r.offset(), Json.mapper().readValue(r.value(), Alert.class)));
                }
            } catch (IOException e) {
                LOG.warn("Skipping unreadable record {}-{}@{} in the live view: {}", r.topic(), r.partition(),
                        r.offset(), e.getMessage());
            }
        }
        return new Batch(snapshots, alerts, caughtUp);
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
