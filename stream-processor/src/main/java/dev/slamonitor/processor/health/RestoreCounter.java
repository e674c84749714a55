package dev.slamonitor.processor.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts records restored from changelogs into local stores, per store
 * ({@code slamon_state_restored_records_total{store}}), and logs each restore. After a clean stop
 * and start it stays at 0: local state and its committed offsets are reused.
 */
public final class RestoreCounter implements StateRestoreListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreCounter.class);

    private final MeterRegistry registry;

    public RestoreCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        // under exactly-once a range of one is usually just the last commit marker: nothing to restore
        LOG.debug("Restoring store {} from {} offsets {}..{}", store, partition, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        Counter.builder("slamon.state.restored.records").description("Records restored from changelogs into local state stores")
                .tag("store", store).register(registry).increment(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        if (totalRestored > 0) {
            LOG.info("Restored {} records into store {} from {}", totalRestored, store, partition);
        }
    }
}
