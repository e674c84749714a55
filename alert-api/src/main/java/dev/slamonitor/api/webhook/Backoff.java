package dev.slamonitor.api.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt n waits initial * 2^(n-1), capped at max, then scaled by a
 * random factor in [0.8, 1.2) so that receivers coming back are not hit by every instance at once.
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    public Backoff(Duration initial, Duration max) {
        this(initial, max, Math::random);
    }

    /** Delay before retry number {@code attempt} (1 = after the first failure). */
    public Duration delay(int attempt) {
        double base = initial.toMillis() * Math.pow(2, Math.min(Math.max(attempt - 1, 0), 30));
        double capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (0.8 + 0.4 * random.getAsDouble())));
    }
}
