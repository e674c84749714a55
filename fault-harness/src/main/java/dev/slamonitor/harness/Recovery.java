package dev.slamonitor.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * How long one fault held processing back, from the {@link Observer}'s samples. For a processor
 * fault (kill -9, freeze) or a broker kill: until every watched partition (the processor's own, or
 * all for a broker) that had input pending after the fault began committed progress past where it
 * stood then (partitions no input reached are not waited for). For a burst: until the input pending
 * fell back to what it was before the burst (or 50 records), once the burst was fully sent. Gives up
 * after {@link #GIVE_UP_MS} (-1). Not thread-safe; the observer's thread feeds it.
 */
final class Recovery {

    static final long GIVE_UP_MS = 300_000;
    private static final long NOTHING_WAITED_MS = 10_000;
    private static final long BACKLOG_SLACK = 50;

    private final long startedAt;
    private final Set<TopicPartition> watched;
    private final boolean backlog;
    private final long pendingBefore;
    private final Map<TopicPartition, Long> marks = new HashMap<>();
    private final Map<TopicPartition, Boolean> done = new HashMap<>();
    private volatile long actionEndedAt = -1;
    private volatile long tookMs = Long.MIN_VALUE;

    /**
     * @param watched       partitions to wait for; {@code null}: every partition
     * @param backlog       a burst: wait for the pending input to come back down instead
     * @param pendingBefore input pending just before the fault
     */
    Recovery(long startedAt, Set<TopicPartition> watched, boolean backlog, long pendingBefore) {
        this.startedAt = startedAt;
        this.watched = watched;
        this.backlog = backlog;
        this.pendingBefore = pendingBefore;
    }

    /** Whether the faulted processor owned {@code tp} when the fault began (false for a broker kill or a burst). */
    boolean owned(TopicPartition tp) {
        return watched != null && watched.contains(tp);
    }

    /** The fault's action finished (the burst was sent, the process restarted or thawed). */
    void actionEnded(long at) {
        actionEndedAt = at;
    }

    boolean finished() {
        return tookMs != Long.MIN_VALUE;
    }

    /** Milliseconds from the fault's start to processing again; -1 if not within {@link #GIVE_UP_MS}; empty while running. */
    java.util.OptionalLong tookMs() {
        return finished() ? java.util.OptionalLong.of(tookMs) : java.util.OptionalLong.empty();
    }

    void sample(long now, Map<TopicPartition, Long> lags, Map<TopicPartition, Long> committed, long pending) {
        if (finished()) {
            return;
        }
        if (now - startedAt > GIVE_UP_MS) {
            tookMs = -1;
            return;
        }
        if (backlog) {
            if (actionEndedAt >= 0 && pending <= Math.max(pendingBefore, BACKLOG_SLACK)) {
                tookMs = now - startedAt;
            }
            return;
        }
        for (var e : lags.entrySet()) {
            TopicPartition tp = e.getKey();
            if (watched != null && !watched.contains(tp)) {
                continue;
            }
            long offset = committed.getOrDefault(tp, 0L);
            Long mark = marks.get(tp);
            if (mark == null) {
                if (e.getValue() > 0) {
                    marks.put(tp, offset); // input pending: remember where it stood
                    done.put(tp, false);
                }
            } else if (!done.get(tp) && offset > mark) {
                done.put(tp, true);
            }
        }
        boolean allDone = !done.containsValue(false);
        if (allDone && !done.isEmpty()) {
            tookMs = now - startedAt;
        } else if (allDone && now - startedAt > NOTHING_WAITED_MS) {
            tookMs = 0; // no input reached the watched partitions: nothing waited on this fault
        }
    }
}
