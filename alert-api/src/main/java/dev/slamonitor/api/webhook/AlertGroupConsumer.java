package dev.slamonitor.api.webhook;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook sender's consumer: a member of one consumer group over the alerts topic shared by all
 * API instances, so each alert is routed by exactly one instance. It runs on its own thread, hands
 * routed deliveries to the event loop, commits only offsets the {@link OffsetTracker} says are
 * finished, and pauses while the slowest receiver's backlog exceeds its bound (nothing is lost:
 * uncommitted alerts are read again after a restart).
 *
 * <p>A failure of the consumer (broker gone past its timeouts, a failed commit, a bug in routing one
 * alert) does not end webhook delivery: the consumer is closed and a new one joins the group after a
 * growing pause (1 s to 30 s), resuming from the committed offsets, so alerts after the failure are
 * still sent and those in flight are sent again (receivers de-duplicate by alertId).
 */
final class AlertGroupConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertGroupConsumer.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final Map<String, Object> props;
    private final String topic;
    private final List<WebhookReceiver> receivers;
    private final OffsetTracker tracker;
    private final int maxBacklog;
    private final Consumer<Map<WebhookReceiver, List<Delivery>>> sink;
    private final Clock clock;
    private final Duration firstPause;
    private final Thread thread;
    private volatile boolean running = true;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;

    AlertGroupConsumer(Map<String, Object> clientProps, String groupId, String topic, List<WebhookReceiver> receivers,
                       OffsetTracker tracker, int maxBacklog, Clock clock, Consumer<Map<WebhookReceiver, List<Delivery>>> sink) {
        this(clientProps, groupId, topic, receivers, tracker, maxBacklog, clock, sink, FIRST_PAUSE);
    }

    /** @param firstPause pause before the first restart after a failure (doubles up to 30 s) */
    AlertGroupConsumer(Map<String, Object> clientProps, String groupId, String topic, List<WebhookReceiver> receivers,
                       OffsetTracker tracker, int maxBacklog, Clock clock, Consumer<Map<WebhookReceiver, List<Delivery>>> sink,
                       Duration firstPause) {
        this.firstPause = firstPause;
        this.props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        this.topic = topic;
        this.receivers = receivers;
        this.tracker = tracker;
        this.maxBacklog = maxBacklog;
        this.clock = clock;
        this.sink = sink;
        this.thread = new Thread(this::run, "alert-api-webhook-consumer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Duration pause = firstPause;
        while (running) {
            try {
                consume();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error("Webhook consumer failed; a new one resumes from the committed offsets in {}", pause, e);
                tracker.forgetAll(); // deliveries in flight finish against nothing; their alerts are read again
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            this.consumer = c;
            c.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit(c, true);
                    tracker.forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    LOG.info("Webhook sender owns {}", partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    tracker.forget(partitions);
                }
            });
            while (running) {
                if (tracker.pendingCount() > maxBacklog) {
                    c.pause(c.assignment());
                } else if (!c.paused().isEmpty()) {
                    c.resume(c.paused());
                }
                Map<WebhookReceiver, List<Delivery>> routed = new HashMap<>();
                try {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                        route(r, routed);
                    }
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                }
                if (!routed.isEmpty()) {
                    sink.accept(routed);
                }
                commit(c, false);
            }
            commit(c, true);
        } finally {
            this.consumer = null;
        }
    }

    private void sleep(Duration pause) {
        try {
            closed.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void route(ConsumerRecord<String, byte[]> r, Map<WebhookReceiver, List<Delivery>> routed) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Alert alert;
        try {
            alert = r.value() == null ? null : Json.mapper().readValue(r.value(), Alert.class);
        } catch (IOException e) {
            LOG.warn("Not sending unreadable alert {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            alert = null;
        }
        List<WebhookReceiver> targets = new ArrayList<>();
        if (alert != null && alert.alertId() != null) {
            for (WebhookReceiver receiver : receivers) {
                if (receiver.matches(alert)) {
                    targets.add(receiver);
                }
            }
        }
        tracker.register(tp, r.offset(), targets.size());
        for (WebhookReceiver receiver : targets) {
            routed.computeIfAbsent(receiver, k -> new ArrayList<>())
                    .add(new Delivery(alert, r.value(), r.key(), tp, r.offset(), clock.instant()));
        }
    }

    private void commit(KafkaConsumer<String, byte[]> c, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        tracker.committable(sync).forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            c.commitSync(offsets);
        } else {
            c.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    LOG.warn("Committing webhook offsets failed (they are committed again later): {}", error.toString());
                }
            });
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        // Ends a pause between restarts. Never interrupt the thread: an interrupted Kafka client fails its
        // final commit and close with InterruptException; poll() reacts to wakeup() instead.
        closed.countDown();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
