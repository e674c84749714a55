package dev.slamonitor.api.kafka;

import dev.slamonitor.api.health.Check;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * What one topic feed last knew about itself, written by its thread and read by health checks: caught
 * up with the end offsets seen at start, lag at the last end-offset check, when Kafka last answered,
 * and when the read position last moved. Pure state plus the rule that turns it into a {@link Check}
 * (no Kafka types), so the readiness rule is unit-tested directly.
 *
 * <p>The rule: a feed is UP only when it caught up once, Kafka answered its last check within
 * {@code staleAfter}, it is not behind without progress for {@code stallAfter}, and its view has not
 * been applying one batch for longer than {@code stallAfter}. A feed whose thread
 * ended on an error is STOPPED for good (and fails liveness too).
 */
public final class FeedProgress {

    /** A feed's state as health reports it. */
    public enum State { LOADING, UP, STALLED, DISCONNECTED, STOPPED }

    private final String name;
    private final List<String> topics;
    private final Duration staleAfter;
    private final Duration stallAfter;
    private volatile boolean caughtUp;
    private volatile long lag = -1;
    private volatile long position;
    private volatile long positionMovedAt;
    private volatile long lastAnswerAt = Long.MIN_VALUE;
    private volatile String lastError;
    private volatile boolean stopped;
    private volatile long applyingSince = Long.MIN_VALUE;

    public FeedProgress(String name, List<String> topics, Duration staleAfter, Duration stallAfter, long nowNanos) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.staleAfter = staleAfter;
        this.stallAfter = stallAfter;
        this.positionMovedAt = nowNanos;
    }

    public String name() {
        return name;
    }

    void caughtUp() {
        caughtUp = true;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** The sum of read positions over the feed's partitions, after a poll. */
    void position(long sum, long nowNanos) {
        if (sum != position) {
            position = sum;
            positionMovedAt = nowNanos;
        }
    }

    /** The view started applying a batch (the feed waits for it). */
    void applying(long nowNanos) {
        applyingSince = nowNanos;
    }

    /** The view finished applying the batch. */
    void applied() {
        applyingSince = Long.MIN_VALUE;
    }

    /** Kafka answered an end-offset check: {@code lag} records are still to read. */
    void answered(long lag, long nowNanos) {
        this.lag = lag;
        this.lastAnswerAt = nowNanos;
        this.lastError = null;
    }

    /** A Kafka call of the feed failed or timed out. */
    void unanswered(String error) {
        this.lastError = error;
    }

    void stopped(String error) {
        this.lastError = error;
        this.stopped = true;
    }

    public boolean isStopped() {
        return stopped;
    }

    public State state(long nowNanos) {
        if (stopped) {
            return State.STOPPED;
        }
        if (applyingSince != Long.MIN_VALUE && nowNanos - applyingSince > stallAfter.toNanos()) {
            return State.STALLED;
        }
        boolean answeredRecently = lastAnswerAt != Long.MIN_VALUE && nowNanos - lastAnswerAt <= staleAfter.toNanos();
        if (!answeredRecently) {
            return State.DISCONNECTED;
        }
        if (!caughtUp) {
            return State.LOADING;
        }
        if (lag > 0 && nowNanos - positionMovedAt > stallAfter.toNanos()) {
            return State.STALLED;
        }
        return State.UP;
    }

    /** This feed as a health check. */
    public Check check(long nowNanos) {
        State state = state(nowNanos);
        JsonObject details = new JsonObject().put("state", state.name()).put("topics", new JsonArray(topics))
                .put("caughtUp", caughtUp);
        if (lag >= 0) {
            details.put("lag", lag);
        }
        if (lastAnswerAt != Long.MIN_VALUE) {
            details.put("lastKafkaAnswerSecondsAgo", (nowNanos - lastAnswerAt) / 1_000_000_000L);
        }
        if (lastError != null) {
            details.put("error", lastError);
        }
        String reason = switch (state) {
            case UP -> null;
            case LOADING -> "still reading " + topics + " up to where they ended at start"
                    + (lag >= 0 ? " (" + lag + " records to go)" : "");
            case STALLED -> applyingSince != Long.MIN_VALUE
                    ? "the view has been applying one batch of " + topics + " for more than " + stallAfter
                    : lag + " records behind " + topics + " with no progress for more than " + stallAfter;
            case DISCONNECTED -> "Kafka has not answered for " + topics + " within " + staleAfter
                    + (lastError == null ? "" : " (" + lastError + ")");
            case STOPPED -> "the feed stopped on an error and no longer updates (" + lastError + ")";
        };
        return new Check(name, state == State.UP, details, reason);
    }
}
