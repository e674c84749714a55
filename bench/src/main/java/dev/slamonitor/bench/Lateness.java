package dev.slamonitor.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a lateness (or latency) histogram in milliseconds, as the burst and open-ticket
 * parts print them; values are clamped to 0 .. {@link #MAX_TRACKABLE_MS}.
 */
record Lateness(long count, long p50Ms, long p99Ms, long maxMs) {

    static final long MAX_TRACKABLE_MS = TimeUnit.MINUTES.toMillis(10);

    static Lateness of(Histogram h) {
        return new Lateness(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
    }

    static Histogram histogram() {
        return new Histogram(MAX_TRACKABLE_MS, 3);
    }

    /** Records {@code ms}, clamped to what the histogram tracks. */
    static void record(Histogram h, long ms) {
        h.recordValue(Math.min(MAX_TRACKABLE_MS, Math.max(0, ms)));
    }
}
