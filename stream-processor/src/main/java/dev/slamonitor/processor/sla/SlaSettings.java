package dev.slamonitor.processor.sla;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.sla.domain.TicketRetention;
import java.time.Duration;

/**
 * The SLA engine's settings from configuration, validated once at topology build time.
 *
 * @param dedupRetention      how long (of stream time) a ticket remembers an applied eventId
 * @param dedupMaxIds         how many applied eventIds a ticket remembers at most (oldest dropped first)
 * @param punctuationInterval wall-clock interval of the timer punctuation
 * @param maxTimers           due tickets handled per punctuation at most (the rest carry over)
 * @param maxMillis           time budget of one punctuation
 * @param idleMaxMillis       time budget of one punctuation when the stream thread had no record to process (at least maxMillis)
 * @param sweepBatch          tickets re-evaluated per punctuation after a policy change
 * @param retention           how long a finished ticket with nothing pending is kept (wall clock)
 * @param timerHoldMax        how long a due timer waits for the input to be applied (from its deadline or the
 *                            task's start, whichever is later) before it fires anyway, marked late
 * @param lateAfter           an alert sent more than this after it was due is marked late
 */
public record SlaSettings(Duration dedupRetention, int dedupMaxIds, Duration punctuationInterval, int maxTimers, long maxMillis,
                          long idleMaxMillis,
                          int sweepBatch, TicketRetention retention, Duration timerHoldMax, Duration lateAfter) {

    public static SlaSettings from(AppConfig config) {
        Duration interval = config.duration("sla.punctuation.interval");
        if (interval.isZero() || interval.isNegative()) {
            throw config.invalid("sla.punctuation.interval", "a positive duration such as 50ms");
        }
        return new SlaSettings(config.duration("processor.dedup.retention"),
                config.integer("processor.dedup.max.per.ticket", 1, 100_000), interval,
                config.integer("sla.punctuation.max.timers", 1, 1_000_000),
                config.integer("sla.punctuation.max.millis", 1, 60_000),
                idleMaxMillis(config),
                config.integer("sla.policy.sweep.batch", 1, 1_000_000),
                TicketRetention.of(positive(config, "sla.resolved.retention", "a positive duration such as 30d")),
                nonNegative(config, "sla.timer.hold.max", "a duration such as 30s (0 fires without waiting for the input)"),
                nonNegative(config, "sla.alert.late.after", "a duration such as 5s"));
    }

    /** Never below the busy budget: raising {@code sla.punctuation.max.millis} alone must not make idle runs shorter. */
    private static long idleMaxMillis(AppConfig config) {
        return Math.max(config.integer("sla.punctuation.max.millis", 1, 60_000),
                config.integer("sla.punctuation.idle.max.millis", 1, 60_000));
    }

    private static Duration nonNegative(AppConfig config, String key, String expected) {
        Duration value = config.duration(key);
        if (value.isNegative()) {
            throw config.invalid(key, expected);
        }
        return value;
    }

    private static Duration positive(AppConfig config, String key, String expected) {
        Duration value = config.duration(key);
        if (value.isZero() || value.isNegative()) {
            throw config.invalid(key, expected);
        }
        return value;
    }
}
