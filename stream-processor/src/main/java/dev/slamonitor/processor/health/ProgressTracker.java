package dev.slamonitor.processor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers, per task input (the health check keys it by task and partition), when it last made
 * progress: its committed input offsets moved, or it had
 * nothing left to do (no lag). A task with lag whose offsets stand still for longer than the stall
 * timeout is stalled, whatever the reason (a poison loop, a blocked thread, a broker refusing its
 * writes). A task missing from an observation is kept for {@code forgetAfter}: a task in a failure
 * loop is unassigned and reassigned with every replaced thread, and must not look fresh each time.
 * Pure: fed with observations and times, so tests drive it directly. Not thread-safe; one health
 * checker owns it.
 */
public final class ProgressTracker {

    /** One task's input position at one observation: sum of committed offsets and total lag. */
    public record Observation(long committed, long lag) {
    }

    private record Progress(long committed, long lag, Instant lastProgress, Instant lastSeen) {
    }

    private final Duration forgetAfter;
    private final Map<String, Progress> tasks = new HashMap<>();

    public ProgressTracker(Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
    }

    /** Records what the assigned tasks looked like at {@code now}; tasks unseen for {@code forgetAfter} are forgotten. */
    public void observe(Map<String, Observation> observed, Instant now) {
        observed.forEach((task, seen) -> {
            Progress before = tasks.get(task);
            boolean progressed = before == null || before.committed() != seen.committed() || seen.lag() <= 0;
            tasks.put(task, new Progress(seen.committed(), seen.lag(), progressed ? now : before.lastProgress(), now));
        });
        tasks.values().removeIf(p -> Duration.between(p.lastSeen(), now).compareTo(forgetAfter) > 0);
    }

    /** Time since each known task's last progress, by task id (sorted). */
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
            if (p.lag() > 0 && since.compareTo(timeout) > 0) {
                out.add("task " + task + " has lag " + p.lag() + " and made no progress for " + since.toSeconds() + " s");
            }
        });
        return out;
    }
}
