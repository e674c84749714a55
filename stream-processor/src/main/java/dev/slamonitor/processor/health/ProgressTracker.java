package dev.slamonitor.processor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Remembers, per input partition of an active task (the health check keys it by task and partition),
 * when it last made progress: its committed offset moved, or it had nothing left to do (lag known to
 * be zero). A partition with pending input, or whose lag cannot be told at all, whose committed
 * offset stands still for longer than the stall timeout is stalled, whatever the reason (a poison
 * loop, a blocked thread, a broker refusing its writes, a dead producer's open transaction).
 *
 * <p>Only partitions the latest observation saw (the ones this instance owns now) are aged by the
 * clock. A partition missing from an observation (revoked, or its thread being replaced) keeps, for
 * {@code forgetAfter}, the age it had when last seen: one revoked while healthy never turns stalled
 * later, one stuck in a failure loop (unassigned and reassigned with every replaced thread) does not
 * look fresh when it comes back. A partition seen for the first time starts its clock when this
 * instance got it (the rebalance that brought it): it cannot be blamed for the time another owner
 * left it standing, but the rebalance and restore before it could process are its own.
 *
 * <p>Pure: fed with observations and times, so tests drive it directly. Not thread-safe; one health
 * checker owns it.
 */
public final class ProgressTracker {

    /** Lag of a partition whose pending input cannot be told (no consumer metric, no cluster answer yet). */
    public static final long UNKNOWN = -1;

    /**
     * One partition's input position at one observation: its committed offset and the input after it
     * ({@link #UNKNOWN} if no source could tell).
     */
    public record Observation(long committed, long lag) {

        /**
         * The observation from every local or cached fact at hand, each a lower bound of the input
         * still pending: what the task fetched but did not commit yet (its last fetched offset + 1
         * minus the committed offset), plus what the main consumer has not fetched (its own
         * {@code records-lag}: the end at its last fetch minus its position); and an end offset the
         * cluster reported (end offsets only grow, so an old answer is still a lower bound). The
         * larger wins. Only the consumer's lag or a cluster end can prove that nothing is pending:
         * with neither, a zero is {@link #UNKNOWN}.
         */
        public static Observation of(long committed, OptionalLong lastFetched, OptionalLong consumerLag, OptionalLong clusterEnd) {
            long base = Math.max(committed, 0);
            long fetchedNotCommitted = lastFetched.isPresent() && lastFetched.getAsLong() >= 0
                    ? Math.max(0, lastFetched.getAsLong() + 1 - base) : 0;
            long lag = UNKNOWN;
            if (consumerLag.isPresent()) {
                lag = fetchedNotCommitted + Math.max(0, consumerLag.getAsLong());
            } else if (fetchedNotCommitted > 0) {
                lag = fetchedNotCommitted;
            }
            if (clusterEnd.isPresent()) {
                lag = Math.max(lag, Math.max(0, clusterEnd.getAsLong() - base));
            }
            return new Observation(committed, lag);
        }
    }

    private record Progress(long committed, long lag, Instant lastProgress, Instant lastSeen) {
    }

    private final Duration forgetAfter;
    private final Map<String, Progress> partitions = new HashMap<>();
    private Set<String> owned = Set.of();

    public ProgressTracker(Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
    }

    /** Records what the owned partitions looked like at {@code now}; partitions unseen for {@code forgetAfter} are forgotten. */
    public void observe(Map<String, Observation> observed, Instant now) {
        observe(observed, now, now);
    }

    /**
     * As {@link #observe(Map, Instant)}, where a partition seen for the first time counts as owned
     * since {@code assignedBy} (when the rebalance that could have brought it began): the restore and
     * rebalance before its first observation are time it stood still on this instance.
     */
    public void observe(Map<String, Observation> observed, Instant now, Instant assignedBy) {
        Instant firstSeen = assignedBy.isBefore(now) ? assignedBy : now;
        observed.forEach((key, seen) -> {
            Progress before = partitions.get(key);
            Instant lastProgress;
            if (before == null) {
                lastProgress = seen.lag() == 0 ? now : firstSeen;
            } else {
                lastProgress = before.committed() != seen.committed() || seen.lag() == 0 ? now : before.lastProgress();
            }
            partitions.put(key, new Progress(seen.committed(), seen.lag(), lastProgress, now));
        });
        owned = new HashSet<>(observed.keySet());
        partitions.values().removeIf(p -> Duration.between(p.lastSeen(), now).compareTo(forgetAfter) > 0);
    }

    /** Time since each owned partition's last progress, by key (sorted). */
    public Map<String, Duration> sinceProgress(Instant now) {
        Map<String, Duration> out = new TreeMap<>();
        partitions.forEach((key, p) -> {
            if (owned.contains(key)) {
                out.put(key, Duration.between(p.lastProgress(), now));
            }
        });
        return out;
    }

    /** Partitions with pending (or unknown) input and no progress for longer than {@code timeout}, each with a sentence. */
    public List<String> stalled(Instant now, Duration timeout) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(partitions).forEach((key, p) -> {
            boolean current = owned.contains(key);
            Duration since = Duration.between(p.lastProgress(), current ? now : p.lastSeen());
            if (p.lag() != 0 && since.compareTo(timeout) > 0) {
                String lag = p.lag() == UNKNOWN ? "unknown lag" : "lag " + p.lag();
                out.add("task " + key + " has " + lag + " and made no progress for " + since.toSeconds() + " s"
                        + (current ? "" : " (until it left this instance " + Duration.between(p.lastSeen(), now).toSeconds() + " s ago)"));
            }
        });
        return out;
    }
}
