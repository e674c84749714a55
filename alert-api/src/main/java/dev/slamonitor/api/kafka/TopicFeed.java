package dev.slamonitor.api.kafka;

import dev.slamonitor.api.health.Check;
import dev.slamonitor.config.AppConfig;
import io.vertx.core.Context;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the API reads topics into an in-memory view: every partition assigned (no consumer
 * group, so each instance holds the whole view), from the beginning, committed data only, on its own
 * daemon thread. Each poll's records go to a {@link Sink}; the feed waits until the sink has applied
 * them before polling again, so a view never falls unboundedly behind and no event loop runs a
 * Kafka call.
 *
 * <p>It also keeps its {@link FeedProgress} for health: caught up once its positions reach the end
 * offsets seen at start; every {@code checkInterval} it asks the end offsets again (with
 * {@code kafkaTimeout}) for the lag and as proof that Kafka answers. A broker that is down at start or
 * goes away is waited for (the feed reports DISCONNECTED meanwhile); only an error of the sink or an
 * unexpected exception stops the feed, logged with its stack trace.
 *
 * <p>Views are fed through {@link #start(String, Map, Timing, Context, List)}: each {@link Binding}
 * decodes its topic's values on the feed's thread, and one poll's updates are applied on the view
 * owner's Vert.x context (so a view needs no lock and handlers read it directly).
 */
public final class TopicFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);

    /** Applies one poll's records to a view; {@code caughtUp} is true once the feed caught up. */
    @FunctionalInterface
    public interface Sink {
        CompletionStage<Void> apply(ConsumerRecords<byte[], byte[]> records, boolean caughtUp);
    }

    /** Health timing shared by every feed of an instance. */
    public record Timing(Duration checkInterval, Duration kafkaTimeout, Duration stallAfter) {
        /** From {@code api.health.check.interval}, {@code api.health.kafka.timeout}, {@code api.health.feed.stall.after}. */
        public static Timing from(AppConfig config) {
            for (String key : List.of("api.health.check.interval", "api.health.kafka.timeout", "api.health.feed.stall.after")) {
                if (config.duration(key).toMillis() <= 0) {
                    throw config.invalid(key, "a positive duration such as 2s");
                }
            }
            return new Timing(config.duration("api.health.check.interval"), config.duration("api.health.kafka.timeout"),
                    config.duration("api.health.feed.stall.after"));
        }

        /** How long without an answer from Kafka before a feed counts as disconnected. */
        public Duration staleAfter() {
            return checkInterval.plus(kafkaTimeout).multipliedBy(2);
        }
    }

    private final Map<String, Object> props;
    private final Map<String, LongSupplier> details = new LinkedHashMap<>();
    private final List<String> topics;
    private final Timing timing;
    private final Sink sink;
    private final FeedProgress progress;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public TopicFeed(String name, Map<String, Object> clientProps, List<String> topics, Timing timing, Sink sink) {
        this.props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "alert-api-" + name + "-" + Long.toHexString(System.nanoTime()));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.topics = List.copyOf(topics);
        this.timing = timing;
        this.sink = sink;
        this.progress = new FeedProgress(name, topics, timing.staleAfter(), timing.stallAfter(), System.nanoTime());
        this.thread = new Thread(this::run, "alert-api-feed-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a feed of {@code bindings}' topics whose updates are applied on {@code context}, one poll
     * at a time (the feed waits for each).
     */
    public static TopicFeed start(String name, Map<String, Object> clientProps, Timing timing, Context context,
                                  List<Binding<?>> bindings) {
        Binding.Dispatch dispatch = new Binding.Dispatch(name, context, bindings);
        return new TopicFeed(name, clientProps, dispatch.topics(), timing, dispatch).start();
    }

    /** Adds a figure of the view to this feed's health details (read on the view owner's context). */
    public TopicFeed detail(String name, LongSupplier value) {
        details.put(name, value);
        return this;
    }

    /** This feed as a readiness check, with the view's figures. */
    public Check check(long nowNanos) {
        Check check = progress.check(nowNanos);
        details.forEach((k, v) -> check.details().put(k, v.getAsLong()));
        return check;
    }

    public TopicFeed start() {
        thread.start();
        return this;
    }

    public FeedProgress progress() {
        return progress;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            this.consumer = c;
            List<TopicPartition> partitions = partitions(c);
            if (partitions == null) {
                return;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = null;
            long nextCheck = 0;
            boolean caughtUp = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                Map<TopicPartition, Long> positions = positions(c, partitions);
                if (target == null || now >= nextCheck) {
                    nextCheck = now + timing.checkInterval().toNanos();
                    Map<TopicPartition, Long> ends = endOffsets(c, partitions);
                    if (ends != null) {
                        target = target == null ? ends : target;
                        if (positions != null) {
                            progress.answered(lag(positions, ends), now);
                        }
                    }
                }
                boolean nowCaughtUp = caughtUp || (target != null && positions != null && lag(positions, target) == 0);
                if (positions != null) {
                    progress.position(positions.values().stream().mapToLong(Long::longValue).sum(), now);
                }
                if (!records.isEmpty() || nowCaughtUp != caughtUp) {
                    progress.applying(System.nanoTime());
                    sink.apply(records, nowCaughtUp).toCompletableFuture().get();
                    progress.applied();
                    if (nowCaughtUp && !caughtUp) {
                        progress.caughtUp();
                        LOG.info("Feed {} caught up with {}", progress.name(), topics);
                    }
                    caughtUp = nowCaughtUp;
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            fail(e.getCause());
        } catch (RuntimeException | Error e) {
            if (running) {
                fail(e);
            }
        }
    }

    private void fail(Throwable e) {
        progress.stopped(String.valueOf(e));
        LOG.error("Feed {} stopped: its view of {} no longer updates", progress.name(), topics, e);
    }

    /** Every partition of the feed's topics, waiting for Kafka as long as it takes; null when closed meanwhile. */
    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) throws InterruptedException {
        while (running) {
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    List<PartitionInfo> infos = c.partitionsFor(topic, timing.kafkaTimeout());
                    if (infos == null || infos.isEmpty()) {
                        throw new TimeoutException("topic " + topic + " has no partitions (yet)");
                    }
                    infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
                return partitions;
            } catch (TimeoutException e) {
                progress.unanswered(e.getMessage());
                LOG.warn("Feed {} waits for Kafka: {}", progress.name(), e.getMessage());
                pause(timing.checkInterval());
            }
        }
        return null;
    }

    private void pause(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < until) {
            Thread.sleep(50);
        }
    }

    private Map<TopicPartition, Long> positions(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        try {
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition tp : partitions) {
                positions.put(tp, c.position(tp, timing.kafkaTimeout()));
            }
            return positions;
        } catch (TimeoutException e) {
            progress.unanswered("position: " + e.getMessage());
            return null;
        }
    }

    private Map<TopicPartition, Long> endOffsets(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> partitions) {
        try {
            return c.endOffsets(partitions, timing.kafkaTimeout());
        } catch (TimeoutException e) {
            progress.unanswered("end offsets: " + e.getMessage());
            return null;
        }
    }

    private static long lag(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> ends) {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            lag += Math.max(0, e.getValue() - positions.getOrDefault(e.getKey(), 0L));
        }
        return lag;
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
