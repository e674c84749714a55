package dev.slamonitor.api.webhook;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which alert offsets still wait for a receiver, so the sender commits an offset only when every
 * alert before it has been delivered to, or durably given up by, every receiver it was routed to.
 * The committable offset of a partition is its lowest pending offset, or the next offset to read when
 * nothing is pending. Thread-safe (the consumer thread registers and commits, the event loop marks done).
 */
final class OffsetTracker {

    private final Map<TopicPartition, TreeMap<Long, Integer>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** An alert at tp/offset routed to {@code deliveries} receivers (0: nothing to wait for). */
    synchronized void register(TopicPartition tp, long offset, int deliveries) {
        next.merge(tp, offset + 1, Math::max);
        if (deliveries > 0) {
            pending.computeIfAbsent(tp, k -> new TreeMap<>()).put(offset, deliveries);
        }
    }

    /** One receiver finished with the alert at tp/offset; ignored for partitions no longer owned. */
    synchronized void done(TopicPartition tp, long offset) {
        TreeMap<Long, Integer> waiting = pending.get(tp);
        if (waiting == null) {
            return;
        }
        waiting.computeIfPresent(offset, (k, n) -> n == 1 ? null : n - 1);
    }

    /** Offsets to commit: all of them, or only those that moved since the last call. */
    synchronized Map<TopicPartition, Long> committable(boolean all) {
        Map<TopicPartition, Long> out = new HashMap<>();
        next.forEach((tp, n) -> {
            TreeMap<Long, Integer> waiting = pending.get(tp);
            long offset = waiting == null || waiting.isEmpty() ? n : waiting.firstKey();
            if (all || !Long.valueOf(offset).equals(committed.get(tp))) {
                out.put(tp, offset);
                committed.put(tp, offset);
            }
        });
        return out;
    }

    /** Alerts still waiting for at least one receiver. */
    synchronized int pendingCount() {
        return pending.values().stream().mapToInt(Map::size).sum();
    }

    /** Drops every partition: the consumer failed and a new one starts from the committed offsets. */
    synchronized void forgetAll() {
        pending.clear();
        next.clear();
        committed.clear();
    }

    /** Drops partitions this instance no longer owns (after a rebalance). */
    synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            pending.remove(tp);
            next.remove(tp);
            committed.remove(tp);
        });
    }
}
