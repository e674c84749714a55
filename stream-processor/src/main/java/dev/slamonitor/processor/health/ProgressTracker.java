package dev.slamonitor.processor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers, per task, when it last made progress: its committed input offsets moved, or it had
 * nothing left to do (no lag). A task with lag whose offsets stand still for longer than the stall
 * timeout is stalled, whatever the reason (a poison loop, a blocked thread, a broker refusing its
 * writes). Pure: fed with observations and times, so tests drive it directly. Not thread-safe; one
 * health checker owns it.
 */
public final class ProgressTracker {

    /** One task's input position at one observation: sum of committed offsets and total lag. */
    public record Observation(long committed, long lag) {
    }

    private record Progress(long committed, Instant lastProgress) {
    }

    private final Map<String, Progress> tasks = new HashMap<>();
    private final Map<String, Long> lags = new HashMap<>();

    /** Records what every assigned task looked like at {@code now}; tasks no longer assigned are forgotten. */
    public void observe(Map<String, Observation> observed, Instant now) {
        tasks.keySet().retainAll(observed.keySet());
        observed.forEach((task, seen) -> {
            Progress before = tasks.get(task);
            boolean progressed = before == null || before.committed() != seen.committed() || seen.lag() <= 0;
            tasks.put(task, new Progress(seen.committed(), progressed ? now : before.lastProgress()));
        });
        lags.clear();
        observed.forEach((task, seen) -> lags.put(task, seen.lag()));
    }

    /** Time since each task's last progress, by task id (sorted). */
    public Map<String, Duration> sinceProgress(Instant now) {
        Map<String, Duration> out = new TreeMap<>();
        tasks.forEach((task, p) -> out.put(task, Duration.between(p.lastProgress(), now)));
        return out;
    }

    /** Tasks with lag and no progress for longer than {@code timeout}, each with a sentence saying so. */
    public List<String> stalled(Instant now, Duration timeout) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(tasks).forEach((task, p) -> {
            Duration since = Duration.between(p.lastProgress(), now);
            long lag = lags.getOrDefault(task, 0L);
            if (lag > 0 && since.compareTo(timeout) > 0) {
                out.add("task " + task + " has lag " + lag + " and made no progress for " + since.toSeconds() + " s");
            }
        });
        return out;
    }
}
