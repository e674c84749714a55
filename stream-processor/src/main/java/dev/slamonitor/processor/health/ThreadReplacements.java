package dev.slamonitor.processor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When stream threads were replaced after a failure, within a sliding window. A few replacements are
 * recoveries; many in a short time are a loop (the same record failing again and again), which makes
 * the processor not ready. Thread-safe.
 */
public final class ThreadReplacements {

    private final Duration window;
    private final Deque<Instant> times = new ArrayDeque<>();

    public ThreadReplacements(Duration window) {
        this.window = window;
    }

    public synchronized void record(Instant at) {
        times.addLast(at);
        prune(at);
    }

    /** Replacements within the window that ends at {@code now}. */
    public synchronized int within(Instant now) {
        prune(now);
        return times.size();
    }

    public Duration window() {
        return window;
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.removeFirst();
        }
    }
}
