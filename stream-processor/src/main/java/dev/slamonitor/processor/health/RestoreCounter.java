package dev.slamonitor.processor.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts records restored from changelogs into local stores, per store
 * ({@code slamon_state_restored_records_total{store}}), logs each restore, and remembers which
 * active stores are restoring since when: a task that restores does not process its input, and
 * readiness says so once a restore outlasts the stall timeout ({@link #restoringLongerThan}).
 * After a clean stop and start it stays at 0: local state and its committed offsets are reused.
 */
public final class RestoreCounter implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreCounter.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Instant> restoringSince = new ConcurrentHashMap<>();

    public RestoreCounter(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    public RestoreCounter(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        // under exactly-once a range of one is usually just the last commit marker: nothing to restore
        LOG.debug("Restoring store {} from {} offsets {}..{}", store, partition, startingOffset, endingOffset);
        restoringSince.put(store + " from " + partition, clock.instant());
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        Counter.builder("slamon.state.restored.records").description("Records restored from changelogs into local state stores")
                .tag("store", store).register(registry).increment(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoringSince.remove(store + " from " + partition);
        if (totalRestored > 0) {
            LOG.info("Restored {} records into store {} from {}", totalRestored, store, partition);
        }
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        // the task moved away (or is closed) before it finished restoring: it is not restoring here any more
        restoringSince.remove(store + " from " + partition);
    }

    /** Stores restoring for longer than {@code limit} at {@code now}, each with a sentence (sorted). */
    public List<String> restoringLongerThan(Instant now, Duration limit) {
        Map<String, Instant> sorted = new TreeMap<>(restoringSince);
        return sorted.entrySet().stream().filter(e -> Duration.between(e.getValue(), now).compareTo(limit) > 0)
                .map(e -> "restoring store " + e.getKey() + " for " + Duration.between(e.getValue(), now).toSeconds() + " s")
                .toList();
    }
}
