package dev.slamonitor.processor.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honest liveness and readiness of the stream processor. Live while Kafka Streams is not dead (not
 * ERROR / NOT_RUNNING / PENDING_ERROR). Ready only while really processing: Streams RUNNING, the
 * cluster answered within {@code processor.health.cluster.timeout}, stream threads were not replaced
 * more than {@code processor.health.max.thread.replacements} times within the window, no active
 * store has been restoring for longer than {@code processor.health.stall.timeout}, and no input
 * partition this instance owns has pending (or unknown) input without progress for the stall timeout.
 *
 * <p>A daemon thread checks every {@code processor.health.check.interval} from local, always fresh
 * facts: the tasks Streams assigned to this instance now, each one's committed and last fetched
 * offsets (Streams' live view), and the main consumer's own {@code records-lag} per partition;
 * a partition that came with a rebalance counts from that rebalance's start. Right after Streams
 * becomes RUNNING, readiness waits for a check of the new assignment (run at once, on request). The cluster's answers
 * (its description, read_committed end offsets for partitions whose thread is blocked) are asked for
 * without waiting ({@link ClusterFacts}): an Admin round trip that lags under load can only make a
 * lag look smaller for a while, never hold a decision back. Requests read the last result and never
 * block. Publishes {@code slamon_task_since_progress_seconds{task}} and
 * {@code slamon_stream_thread_replacements_total}.
 */
public final class ProcessorHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorHealth.class);
    private static final String FETCH_METRICS = "consumer-fetch-manager-metrics";

    private final KafkaStreams streams;
    private final ClusterFacts cluster;
    private final RestoreCounter restores;
    private final HealthSettings settings;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ThreadReplacements replacements;
    private final Counter replacementCounter;
    private final ProgressTracker tracker;
    private final Map<String, Double> sinceProgressSeconds = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new HashMap<>();
    private final ScheduledExecutorService checker;
    private volatile List<String> lastFindings = List.of("no health check has run yet");
    private volatile KafkaStreams.State checkedIn;
    private final AtomicBoolean recheckQueued = new AtomicBoolean();
    private Instant rebalancingSince;
    private Instant previousCheck;

    public ProcessorHealth(KafkaStreams streams, Admin admin, RestoreCounter restores, HealthSettings settings,
                           MeterRegistry registry, Clock clock) {
        this.streams = streams;
        this.cluster = new ClusterFacts(admin, settings.clusterTimeout(), clock);
        this.restores = restores;
        this.settings = settings;
        this.registry = registry;
        this.clock = clock;
        this.replacements = new ThreadReplacements(settings.replacementWindow());
        this.tracker = new ProgressTracker(settings.stallTimeout().plus(settings.checkInterval().multipliedBy(2)));
        this.replacementCounter = Counter.builder("slamon.stream.thread.replacements")
                .description("Stream threads replaced after an uncaught failure").register(registry);
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "processor-health");
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("slamon.processor.ready", this, h -> h.ready().up() ? 1 : 0)
                .description("1 while the processor is ready (what /health/ready answers)").register(registry);
    }

    /** Starts the periodic checks (the first at once). */
    public ProcessorHealth start() {
        long every = settings.checkInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkSafely, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Called by the uncaught-exception handler each time it replaces a stream thread. */
    public void threadReplaced() {
        replacements.record(clock.instant());
        replacementCounter.increment();
    }

    public boolean live() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && state != KafkaStreams.State.NOT_RUNNING;
    }

    public HealthStatus ready() {
        KafkaStreams.State state = streams.state();
        List<String> reasons = new ArrayList<>();
        if (state != KafkaStreams.State.RUNNING) {
            reasons.add("Kafka Streams is " + state + ", not RUNNING");
        }
        int replaced = replacements.within(clock.instant());
        if (replaced > settings.maxThreadReplacements()) {
            reasons.add("stream threads were replaced " + replaced + " times within " + settings.replacementWindow()
                    + " (processor.health.max.thread.replacements=" + settings.maxThreadReplacements() + ")");
        }
        if (state == KafkaStreams.State.RUNNING && checkedIn != KafkaStreams.State.RUNNING) {
            // Streams just finished a rebalance: the last findings are about the assignment before it
            reasons.add("Kafka Streams became RUNNING after the last health check; checking its assignment now");
            if (recheckQueued.compareAndSet(false, true)) {
                try {
                    checker.execute(() -> {
                        recheckQueued.set(false);
                        checkSafely();
                    });
                } catch (RejectedExecutionException closed) {
                    recheckQueued.set(false);
                }
            }
        }
        reasons.addAll(lastFindings);
        return new HealthStatus(reasons.isEmpty(), state.name(), List.copyOf(reasons));
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            lastFindings = List.of("health check failed: " + e);
            LOG.warn("Health check failed", e);
        }
    }

    /** One check, local and non-blocking: every owned partition either has no pending input or moved recently. */
    void check() {
        Instant now = clock.instant();
        List<String> findings = new ArrayList<>();
        Set<TopicPartition> owned = new HashSet<>();
        KafkaStreams.State state = streams.state();
        // Streams publishes a new assignment only once RUNNING: partitions it brought count from the rebalance's
        // start, which began after the previous check (a rebalance no check saw: within the last interval)
        Instant since = previousCheck != null ? previousCheck : now;
        Instant assignedBy;
        if (state == KafkaStreams.State.RUNNING) {
            assignedBy = rebalancingSince != null ? rebalancingSince : since;
            rebalancingSince = null;
        } else {
            rebalancingSince = rebalancingSince != null ? rebalancingSince : since;
            assignedBy = rebalancingSince;
        }
        previousCheck = now;
        if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
            tracker.observe(observeOwnedPartitions(owned), now, assignedBy);
            findings.addAll(tracker.stalled(now, settings.stallTimeout()));
            findings.addAll(restores.restoringLongerThan(now, settings.stallTimeout()));
            publish(tracker.sinceProgress(now));
        }
        cluster.retain(owned);
        cluster.refresh(owned);
        clusterSilence(cluster.lastAnswer(), now, settings).ifPresent(finding -> findings.add(0, finding));
        lastFindings = List.copyOf(findings);
        checkedIn = state;
    }

    /**
     * Not ready while the cluster never answered, or its last answer is older than the cluster
     * timeout plus one check (requests go out once per check, each may take up to the timeout).
     */
    static Optional<String> clusterSilence(Optional<Instant> lastAnswer, Instant now, HealthSettings settings) {
        if (lastAnswer.isEmpty()) {
            return Optional.of("the Kafka cluster has not answered yet");
        }
        Duration silentFor = Duration.between(lastAnswer.get(), now);
        if (silentFor.compareTo(settings.clusterTimeout().plus(settings.checkInterval())) > 0) {
            return Optional.of("Kafka cluster did not answer for " + silentFor.toSeconds() + " s (processor.health.cluster.timeout="
                    + settings.clusterTimeout() + ")");
        }
        return Optional.empty();
    }

    /**
     * Per input partition of every active task Streams runs here now (per partition, not per task: a
     * task whose acks move while its events stand still is stalled too): the committed offset from
     * Streams' live task view, the main consumer's own lag, and the last end offset the cluster reported.
     */
    private Map<String, ProgressTracker.Observation> observeOwnedPartitions(Set<TopicPartition> owned) {
        Map<String, Double> consumerLags = consumerLags();
        Map<String, ProgressTracker.Observation> observed = new HashMap<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition partition : task.topicPartitions()) {
                    owned.add(partition);
                    long committed = task.committedOffsets().getOrDefault(partition, -1L);
                    Double lag = consumerLags.get(lagKey(thread.consumerClientId(), partition.topic(), String.valueOf(partition.partition())));
                    // Streams' "end offset" of a task is the offset of the last record its consumer fetched for it
                    Long fetched = task.endOffsets().get(partition);
                    observed.put(task.taskId() + " " + partition, ProgressTracker.Observation.of(committed,
                            fetched == null ? OptionalLong.empty() : OptionalLong.of(fetched),
                            lag == null ? OptionalLong.empty() : OptionalLong.of(lag.longValue()), cluster.end(partition)));
                }
            }
        }
        return observed;
    }

    /** The main consumers' {@code records-lag} per client and partition (absent until a partition was fetched). */
    private Map<String, Double> consumerLags() {
        Map<String, Double> lags = new HashMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (!"records-lag".equals(name.name()) || !FETCH_METRICS.equals(name.group())) {
                return;
            }
            Map<String, String> tags = name.tags();
            Object value = metric.metricValue();
            if (tags.containsKey("client-id") && tags.containsKey("topic") && tags.containsKey("partition")
                    && value instanceof Number n && !Double.isNaN(n.doubleValue())) {
                lags.put(lagKey(tags.get("client-id"), tags.get("topic"), tags.get("partition")), n.doubleValue());
            }
        });
        return lags;
    }

    /** The consumer's metric tags spell a topic's dots as underscores. */
    private static String lagKey(String clientId, String topic, String partition) {
        return clientId + " " + topic.replace('.', '_') + " " + partition;
    }

    /** The gauge is per task: the longest time any of its input partitions went without progress. */
    private void publish(Map<String, Duration> sinceByPartition) {
        Map<String, Duration> since = new HashMap<>();
        sinceByPartition.forEach((key, d) -> since.merge(key.substring(0, key.indexOf(' ')), d,
                (a, b) -> a.compareTo(b) >= 0 ? a : b));
        sinceProgressSeconds.keySet().retainAll(since.keySet());
        since.forEach((task, d) -> sinceProgressSeconds.put(task, d.toMillis() / 1000.0));
        gauges.entrySet().removeIf(e -> {
            if (!since.containsKey(e.getKey())) {
                registry.remove(e.getValue());
                return true;
            }
            return false;
        });
        for (String task : since.keySet()) {
            gauges.computeIfAbsent(task, t -> Gauge.builder("slamon.task.since.progress", sinceProgressSeconds,
                            m -> m.getOrDefault(t, Double.NaN))
                    .baseUnit("seconds").tag("task", t)
                    .description("Seconds since the task last made progress (committed input offsets moved, or no lag)")
                    .register(registry));
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
