package dev.slamonitor.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a client address, an API key name): each key may take {@code burst} tokens at
 * once and earns {@code perSecond} tokens back per second. Pure bookkeeping with an injected nano clock,
 * no I/O, so the limits are unit-tested exactly.
 *
 * <p>Invariants: memory is bounded, at most {@code maxKeys} buckets are kept (least recently used go
 * first; a forgotten key starts again with a full bucket); a rate of 0 means unlimited. Thread-safe
 * (synchronized: the API calls it from its event loop, uncontended).
 */
public final class TokenBuckets<K> {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<K, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }

    public TokenBuckets(double perSecond, int burst, int maxKeys, LongSupplier nanoClock) {
        if (perSecond < 0 || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("perSecond >= 0, burst >= 1 and maxKeys >= 1 are required");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public boolean unlimited() {
        return perSecond == 0;
    }

    /** Takes one token for {@code key}: 0 when taken, else the nanoseconds until one is available. */
    public synchronized long tryTake(K key) {
        if (unlimited()) {
            return 0;
        }
        Bucket b = refill(key);
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        return waitNanos(b);
    }

    /** Nanoseconds until {@code key} has a token, without taking one (0: it has one now). */
    public synchronized long waitFor(K key) {
        if (unlimited()) {
            return 0;
        }
        Bucket b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        refill(key);
        return b.tokens >= 1 ? 0 : waitNanos(b);
    }

    public synchronized int trackedKeys() {
        return buckets.size();
    }

    private Bucket refill(K key) {
        long now = nanoClock.getAsLong();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket(burst, now);
            buckets.put(key, b);
            return b;
        }
        double earned = (now - b.updatedAt) / (double) NANOS_PER_SECOND * perSecond;
        b.tokens = Math.min(burst, b.tokens + earned);
        b.updatedAt = now;
        return b;
    }

    private long waitNanos(Bucket b) {
        return (long) Math.ceil((1 - b.tokens) / perSecond * NANOS_PER_SECOND);
    }

    /** Whole seconds for a {@code Retry-After} header: at least 1. */
    public static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }
}
