package dev.slamonitor.processor.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The arithmetic of {@link InputLagProbe}, without I/O: from samples of end offsets and committed
 * offsets, the instant up to which every input record is applied. Not thread-safe (one sampler).
 *
 * <p>Per partition, the caught-up instant is the latest sample time whose end offset the committed
 * offset has reached. A stage's watermark is the minimum over its partitions. Stage {@code s > 0}
 * (a repartition topic fed by stage {@code s - 1}) passes on the upstream watermark confirmed no later
 * than its own caught-up instant: a record confirmed applied upstream at {@code C} is in the
 * repartition topic before {@code C}, so any end offset sampled at or after {@code C} includes it.
 */
final class WatermarkChain {

    private final long historyMillis;
    private final Map<TopicPartition, Deque<long[]>> endOffsets = new HashMap<>();
    private final List<Deque<long[]>> confirmed = new ArrayList<>();

    WatermarkChain(int stages, long historyMillis) {
        this.historyMillis = historyMillis;
        for (int i = 0; i < stages; i++) {
            confirmed.add(new ArrayDeque<>());
        }
    }

    /**
     * One stage's sample: end offsets read at {@code sampledAt}, then committed offsets read at
     * {@code confirmedAt}. Stages must be recorded in pipeline order within a cycle.
     *
     * @return the watermark of the pipeline up to this stage, {@link Long#MIN_VALUE} if none yet
     */
    long record(int stage, long sampledAt, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed,
                long confirmedAt) {
        long stageWatermark = Long.MAX_VALUE;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            Deque<long[]> history = endOffsets.computeIfAbsent(end.getKey(), k -> new ArrayDeque<>());
            history.addLast(new long[] {sampledAt, end.getValue()});
            trim(history, sampledAt);
            stageWatermark = Math.min(stageWatermark, caughtUpAt(history, committed.getOrDefault(end.getKey(), 0L)));
        }
        if (ends.isEmpty()) {
            stageWatermark = Long.MIN_VALUE;
        }
        long chained = stage == 0 ? stageWatermark : confirmedBy(confirmed.get(stage - 1), stageWatermark);
        Deque<long[]> mine = confirmed.get(stage);
        mine.addLast(new long[] {confirmedAt, chained});
        trim(mine, confirmedAt);
        return chained;
    }

    private void trim(Deque<long[]> history, long now) {
        while (history.size() > 1 && history.peekFirst()[0] < now - historyMillis) {
            history.removeFirst();
        }
    }

    private static long caughtUpAt(Deque<long[]> history, long committed) {
        long best = Long.MIN_VALUE;
        for (long[] sample : history) {
            if (sample[1] <= committed) {
                best = Math.max(best, sample[0]);
            }
        }
        return best;
    }

    private static long confirmedBy(Deque<long[]> upstream, long caughtUpSince) {
        long best = Long.MIN_VALUE;
        for (long[] entry : upstream) {
            if (entry[0] <= caughtUpSince) {
                best = Math.max(best, entry[1]);
            }
        }
        return best;
    }
}
