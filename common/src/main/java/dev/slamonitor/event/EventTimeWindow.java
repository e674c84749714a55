package dev.slamonitor.event;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.deadletter.DeadLetterReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The span of event times an event may claim: from {@code now - maxAge} to {@code now + maxClockSkew}.
 * Outside it an event is refused. Ahead: a processor stamps its outputs with event time, and the broker
 * refuses records more than {@code log.message.timestamp.after.max.ms} (1 h) ahead of its clock, so an
 * event from the future would abort every transaction that carries it. Behind: an event older than the
 * de-duplication memory could be applied twice, and one older than ticket retention has nothing to
 * apply to. The skew is therefore capped well under the broker's limit.
 */
public record EventTimeWindow(Duration maxClockSkew, Duration maxAge) {

    /** The largest skew accepted in configuration: half the broker's default future limit (1 h). */
    public static final Duration MAX_SKEW_LIMIT = Duration.ofMinutes(30);
    public static final String SKEW_KEY = "processor.max.clock.skew";
    public static final String AGE_KEY = "processor.max.event.age";
    /** Defaults of the two settings (also in sla-monitor-defaults.properties). */
    public static final EventTimeWindow DEFAULT = new EventTimeWindow(Duration.ofMinutes(5), Duration.ofDays(7));

    public EventTimeWindow {
        if (maxClockSkew.isNegative() || maxClockSkew.compareTo(MAX_SKEW_LIMIT) > 0) {
            throw new IllegalArgumentException("max clock skew must lie in [0, " + MAX_SKEW_LIMIT + "], got " + maxClockSkew);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("max event age must be positive, got " + maxAge);
        }
    }

    /** Reads {@value #SKEW_KEY} and {@value #AGE_KEY}; both the processor and the HTTP ingest use the same keys. */
    public static EventTimeWindow from(AppConfig config) {
        Duration skew = config.duration(SKEW_KEY);
        Duration age = config.duration(AGE_KEY);
        if (skew.isNegative() || skew.compareTo(MAX_SKEW_LIMIT) > 0) {
            throw config.invalid(SKEW_KEY, "a duration from 0 to " + MAX_SKEW_LIMIT.toMinutes() + "m");
        }
        if (age.isNegative() || age.isZero()) {
            throw config.invalid(AGE_KEY, "a positive duration");
        }
        return new EventTimeWindow(skew, age);
    }

    /** Empty when {@code occurredAt} lies in the window around {@code now}; otherwise why not. */
    public Optional<ParseOutcome> refusal(Instant occurredAt, Instant now) {
        if (occurredAt.isAfter(now.plus(maxClockSkew))) {
            return Optional.of(ParseOutcome.refused(DeadLetterReason.OCCURRED_AT_IN_FUTURE, "occurredAt",
                    occurredAt + " is more than " + maxClockSkew + " (" + SKEW_KEY + ") after now (" + now + ")"));
        }
        if (occurredAt.isBefore(now.minus(maxAge))) {
            return Optional.of(ParseOutcome.refused(DeadLetterReason.OCCURRED_AT_TOO_OLD, "occurredAt",
                    occurredAt + " is more than " + maxAge + " (" + AGE_KEY + ") before now (" + now + ")"));
        }
        return Optional.empty();
    }
}
