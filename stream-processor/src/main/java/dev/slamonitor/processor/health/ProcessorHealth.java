package dev.slamonitor.processor.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honest liveness and readiness of the stream processor. Live while Kafka Streams is not dead (not
 * ERROR / NOT_RUNNING / PENDING_ERROR). Ready only while really processing: Streams RUNNING, the
 * cluster answered the last check, stream threads were not replaced more than
 * {@code processor.health.max.thread.replacements} times within the window, and no task has input
 * lag without progress for {@code processor.health.stall.timeout}. A daemon thread checks every
 * {@code processor.health.check.interval}; requests read the last result and never block. Publishes
 * {@code slamon_task_since_progress_seconds{task}} and {@code slamon_stream_thread_replacements_total}.
 */
public final class ProcessorHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorHealth.class);

    private final KafkaStreams streams;
    private final Admin admin;
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

    public ProcessorHealth(KafkaStreams streams, Admin admin, HealthSettings settings, MeterRegistry registry, Clock clock) {
        this.streams = streams;
        this.admin = admin;
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

    /** One check: the cluster answers, and every active task either has no lag or moved since before. */
    void check() {
        List<String> findings = new ArrayList<>();
        try {
            admin.describeCluster().nodes().get(settings.clusterTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            findings.add("Kafka cluster did not answer within " + settings.clusterTimeout() + ": " + e.getClass().getSimpleName());
        }
        Instant now = clock.instant();
        if (findings.isEmpty()
                && (streams.state() == KafkaStreams.State.RUNNING || streams.state() == KafkaStreams.State.REBALANCING)) {
            try {
                tracker.observe(observeTasks(), now);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                findings.add("input end offsets not available within " + settings.clusterTimeout() + ": " + e.getClass().getSimpleName());
            }
            findings.addAll(tracker.stalled(now, settings.stallTimeout()));
            publish(tracker.sinceProgress(now));
        }
        lastFindings = List.copyOf(findings);
    }

    /**
     * Committed offsets per task and partition come from Streams; end offsets from the cluster (read_committed), not
     * from the task's own consumer: a stream thread blocked in a commit or a poison loop does not
     * refresh what it knows of the end, so its lag would look like zero.
     */
    private Map<String, ProgressTracker.Observation> observeTasks() throws Exception {
        List<TaskMetadata> tasks = new ArrayList<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            tasks.addAll(thread.activeTasks());
        }
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        tasks.forEach(t -> t.topicPartitions().forEach(p -> wanted.put(p, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = wanted.isEmpty() ? Map.of()
                : admin.listOffsets(wanted, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(settings.clusterTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // Per input partition, not per task: a task whose acks move while its events stand still is stalled too.
        Map<String, ProgressTracker.Observation> observed = new HashMap<>();
        for (TaskMetadata task : tasks) {
            for (TopicPartition partition : task.topicPartitions()) {
                long c = Math.max(task.committedOffsets().getOrDefault(partition, -1L), 0);
                ListOffsetsResult.ListOffsetsResultInfo end = ends.get(partition);
                long e = end != null ? end.offset() : task.endOffsets().getOrDefault(partition, -1L);
                observed.put(task.taskId() + " " + partition, new ProgressTracker.Observation(c, e >= 0 ? Math.max(0, e - c) : 0));
            }
        }
        return observed;
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
