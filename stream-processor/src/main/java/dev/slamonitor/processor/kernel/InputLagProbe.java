package dev.slamonitor.processor.kernel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link InputWatermark} measured on the brokers: every {@code interval} it reads the
 * last-stable offsets (read_committed end offsets) of the input topics and the application's
 * committed offsets, and advances the watermark to the latest sample time whose end offsets the
 * committed offsets have reached.
 *
 * <p>Why committed offsets: under exactly-once they move only with the transaction that also holds
 * the state changes, and Kafka Streams commits the offset of the next unprocessed record (or the
 * consumer position when nothing is buffered), so transaction markers never look like lag.
 *
 * <p>Stages: the topology reads the input topics, repartitions by ticket, and reads the repartition
 * topics. An input record is fully applied only when the repartitioned copy is processed too, so the
 * stages are chained ({@link WatermarkChain}). Each cycle samples the stages in order, so in a quiet
 * system the watermark trails the wall clock by about one interval.
 *
 * <p>Failure: when the brokers cannot be reached the watermark stops; timers are then held up to the
 * SLA settings' bounded delay and fire marked late. Runs on one daemon thread; reads are lock-free.
 */
public final class InputLagProbe implements InputWatermark, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InputLagProbe.class);
    private static final Duration HISTORY = Duration.ofMinutes(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final long DESCRIBE_EVERY_MS = 10_000;

    private final Admin admin;
    private final String groupId;
    private final List<List<String>> stages;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final WatermarkChain chain;
    private List<List<TopicPartition>> partitions;
    private long describedAt = Long.MIN_VALUE;
    private volatile long watermark = Long.MIN_VALUE;
    private volatile long lastSampleAt = Long.MIN_VALUE;

    /**
     * @param stages topics read by each stage, in pipeline order (e.g. inputs, then repartition topics)
     */
    public InputLagProbe(Admin admin, String groupId, List<List<String>> stages, Clock clock) {
        this.admin = admin;
        this.groupId = groupId;
        this.stages = List.copyOf(stages);
        this.clock = clock;
        this.chain = new WatermarkChain(stages.size(), HISTORY.toMillis());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "input-lag-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling every {@code interval}. */
    public InputLagProbe start(Duration interval) {
        executor.scheduleWithFixedDelay(this::sampleSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public long processedUpTo() {
        return watermark;
    }

    /** When the last successful sample completed (epoch ms), for readiness and diagnostics. */
    public long lastSampleAt() {
        return lastSampleAt;
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (Exception e) {
            // Brokers unreachable, topics not created yet, group rebalancing: the watermark waits.
            LOG.debug("Input lag sample failed: {}", e.toString());
        }
    }

    /** One cycle: each stage's end offsets, then the committed offsets, in pipeline order. */
    private void sample() throws Exception {
        long now = clock.millis();
        if (partitions == null || now - describedAt > DESCRIBE_EVERY_MS) {
            partitions = describe();
            describedAt = now;
        }
        long chained = Long.MIN_VALUE;
        for (int s = 0; s < stages.size(); s++) {
            long sampledAt = clock.millis();
            Map<TopicPartition, Long> ends = endOffsets(partitions.get(s));
            Map<TopicPartition, Long> committed = committedOffsets();
            chained = chain.record(s, sampledAt, ends, committed, clock.millis());
        }
        if (chained != Long.MIN_VALUE && chained != Long.MAX_VALUE && chained > watermark) {
            watermark = chained;
        }
        lastSampleAt = clock.millis();
    }

    private List<List<TopicPartition>> describe() throws Exception {
        List<List<TopicPartition>> result = new ArrayList<>();
        for (List<String> topics : stages) {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> tps = new ArrayList<>();
            described.values().forEach(d -> d.partitions().forEach(p -> tps.add(new TopicPartition(d.name(), p.partition()))));
            result.add(tps);
        }
        return result;
    }

    private Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> tps) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        tps.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> result = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    private Map<TopicPartition, Long> committedOffsets() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((tp, o) -> {
            if (o != null) {
                result.put(tp, o.offset());
            }
        });
        return result;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
