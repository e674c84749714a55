package dev.slamonitor.processor.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Timers ordered by priority, then deadline, in a persistent key-value store, so that a wall-clock
 * punctuation touches only the timers that are due, never every open ticket, and fires urgent ones
 * (breaches, escalations) before routine ones (warnings, re-notifications, retention) when a burst
 * falls due at once.
 *
 * <p>Key layout: one priority byte ({@link Priority#HIGH} = 1, {@link Priority#NORMAL} = 2), the
 * 8-byte big-endian deadline (epoch millis, non-negative), the UTF-8 timer id; RocksDB orders keys as
 * unsigned bytes, which is priority, then deadline order. Each range keeps its low watermark under the
 * one-byte key of its priority, which sorts before all of the range's timers. Keys written before
 * priorities existed (deadline + id, watermark under the empty key) start with a zero byte (every
 * deadline before the year 2 million does) and form a legacy range: it is read, scanned first and
 * fired like the others, never written again, so it drains by itself and a changelog written by an
 * earlier build restores and works unchanged.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The index is a hint, the owner's state is the truth: a due entry is removed, then handed to
 *       the callback, which must check its own state ("is this still the clock's deadline and is it
 *       &lt;= now?") and ignore stale entries. Breaches derive from stored deadlines, never from
 *       counting punctuations, so skipped punctuations and restarts lose nothing.</li>
 *   <li>Each scan of a range starts at its low watermark (at or before the earliest deadline that may
 *       still be in it) instead of its start, so tombstones of fired timers are not rescanned every
 *       time, also after a restart or rebalance. The watermark never passes a timer that a callback
 *       scheduled during the scan at an already-due deadline.</li>
 *   <li>The persisted watermark is written only when the range changed since it was last written (a
 *       timer scheduled, cancelled or fired) or when a timer is scheduled before it; time passing
 *       alone writes nothing, so an idle processor writes no changelog record. A restart rescans at
 *       most the tombstones of the last punctuation.</li>
 *   <li>One call fires at most {@code budget} timers and stops once {@code maxMillis} have passed,
 *       checked before every timer (at least one fires per call, so a slow callback cannot stall the
 *       index); the rest stay due for the next call, highest priority first.</li>
 * </ul>
 * Everything goes through the (changelogged) store, so timer changes commit atomically with the
 * outputs under exactly-once.
 */
public final class DeadlineIndex {

    /** Which range a timer goes to; a scan drains the higher range first. */
    public enum Priority {
        /** Breaches and escalations: what an on-call manager must see first in a burst. */
        HIGH((byte) 1),
        /** Everything else: warnings, re-notifications, retention and the features with one kind of timer. */
        NORMAL((byte) 2);

        private final byte prefix;

        Priority(byte prefix) {
            this.prefix = prefix;
        }
    }

    /** Receives one due timer. */
    @FunctionalInterface
    public interface DueTimer {
        void fire(String id, long deadlineMs);
    }

    private static final byte[] EMPTY = new byte[0];
    /** The latest deadline whose 8 bytes start with a zero byte: every key of the legacy layout is below it. */
    private static final long LAST_LEGACY_DEADLINE = (1L << 56) - 1;

    private final KeyValueStore<Bytes, byte[]> store;
    private final Range legacy;
    private final Map<Priority, Range> ranges = new EnumMap<>(Priority.class);

    public DeadlineIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        this.legacy = new Range(null);
        for (Priority p : Priority.values()) {
            ranges.put(p, new Range(p));
        }
    }

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }

    /** Schedules a timer of {@link Priority#NORMAL} priority. */
    public void schedule(String id, long deadlineMs) {
        schedule(id, deadlineMs, Priority.NORMAL);
    }

    public void schedule(String id, long deadlineMs, Priority priority) {
        ranges.get(priority).schedule(id, deadlineMs);
    }

    public void cancel(String id, long deadlineMs) {
        cancel(id, deadlineMs, Priority.NORMAL);
    }

    public void cancel(String id, long deadlineMs, Priority priority) {
        ranges.get(priority).cancel(id, deadlineMs);
    }

    /** Moves a {@link Priority#NORMAL} timer; a no-op when the deadline did not change. */
    public void reschedule(String id, long oldDeadlineMs, long newDeadlineMs) {
        if (oldDeadlineMs != newDeadlineMs) {
            cancel(id, oldDeadlineMs);
            schedule(id, newDeadlineMs);
        }
    }

    /**
     * Fires every timer with deadline &lt;= {@code nowMs}, the legacy range first, then by priority,
     * earliest first within a range, within the budget.
     *
     * @return the number of timers fired
     */
    public int fireDue(long nowMs, int budget, long maxMillis, DueTimer onDue) {
        return fireDue(nowMs, budget, maxMillis, java.util.concurrent.TimeUnit.MILLISECONDS, onDue);
    }

    /** Like {@link #fireDue(long, int, long, DueTimer)} with the time budget in any unit. */
    public int fireDue(long nowMs, int budget, long maxTime, java.util.concurrent.TimeUnit unit, DueTimer onDue) {
        Scan scan = new Scan(budget, System.nanoTime() + unit.toNanos(maxTime));
        if (legacy.mayHoldTimers) {
            legacy.fire(nowMs, scan, onDue);
        }
        for (Range range : ranges.values()) {
            range.fire(nowMs, scan, onDue);
        }
        return scan.fired;
    }

    /** The earliest deadline a scan of {@code priority}'s range starts from (for tests and diagnostics). */
    public long watermark(Priority priority) {
        return ranges.get(priority).watermark;
    }

    /** The {@link Priority#NORMAL} range's watermark. */
    public long watermark() {
        return watermark(Priority.NORMAL);
    }

    /** What one call may still fire. */
    private static final class Scan {
        private final int budget;
        private final long stopAtNanos;
        private int fired;

        Scan(int budget, long stopAtNanos) {
            this.budget = budget;
            this.stopAtNanos = stopAtNanos;
        }

        boolean exhausted() {
            return fired >= budget || fired > 0 && System.nanoTime() > stopAtNanos;
        }
    }

    /** One priority's timers (or the legacy layout's, when {@code priority} is null) and their watermark. */
    private final class Range {
        private final Priority priority;
        private final Bytes watermarkKey;
        private long watermark;
        private long persisted;
        /**
         * Timers fired since the watermark was last persisted: their tombstones lie below the in-memory
         * watermark, and a restart from the persisted one would rescan them. Schedules and cancels ahead
         * of the watermark do not count: the persisted watermark stays a valid start, and writing it for
         * them would turn every rescheduled ticket into bookkeeping written by an otherwise idle scan.
         */
        private boolean changed;
        /** The earliest deadline scheduled while a scan of this range runs (callbacks reschedule their owners). */
        private long scheduledDuringScan = Long.MAX_VALUE;
        private boolean mayHoldTimers = true;

        Range(Priority priority) {
            this.priority = priority;
            this.watermarkKey = Bytes.wrap(priority == null ? EMPTY : new byte[] {priority.prefix});
            byte[] stored = store.get(watermarkKey);
            this.watermark = stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
            this.persisted = watermark;
            if (priority == null) {
                // the legacy range only shrinks: look once whether anything is left in it
                try (KeyValueIterator<Bytes, byte[]> any = store.range(key(watermark, ""), key(LAST_LEGACY_DEADLINE, null))) {
                    mayHoldTimers = any.hasNext();
                }
            }
        }

        void schedule(String id, long deadlineMs) {
            store.put(key(deadlineMs, id), EMPTY);
            scheduledDuringScan = Math.min(scheduledDuringScan, deadlineMs);
            if (deadlineMs < watermark) {
                watermark = deadlineMs;
                if (deadlineMs < persisted) {
                    persist(); // at once: a commit before the next scan must not leave a timer below the stored watermark
                }
            }
        }

        void cancel(String id, long deadlineMs) {
            store.delete(key(deadlineMs, id));
        }

        void fire(long nowMs, Scan scan, DueTimer onDue) {
            if (nowMs < watermark || scan.exhausted()) {
                return; // everything up to the watermark already fired (a caller that holds timers can ask for less)
            }
            long lastDeadline = watermark;
            boolean drained = true;
            scheduledDuringScan = Long.MAX_VALUE;
            try (KeyValueIterator<Bytes, byte[]> due = store.range(key(watermark, ""), key(nowMs, null))) {
                while (due.hasNext()) {
                    if (scan.exhausted()) {
                        drained = false;
                        break;
                    }
                    KeyValue<Bytes, byte[]> entry = due.next();
                    byte[] raw = entry.key.get();
                    int offset = priority == null ? 0 : 1;
                    long deadline = ByteBuffer.wrap(raw, offset, Long.BYTES).getLong();
                    String id = new String(raw, offset + Long.BYTES, raw.length - offset - Long.BYTES, StandardCharsets.UTF_8);
                    store.delete(entry.key);
                    changed = true;
                    onDue.fire(id, deadline);
                    lastDeadline = deadline;
                    scan.fired++;
                }
            }
            // Everything before the last fired deadline is gone; if the range was drained, so is all up to now,
            // except what a callback scheduled meanwhile (a late owner moving its wake-up to a time already due).
            watermark = Math.min(drained ? Math.max(lastDeadline, nowMs + 1) : lastDeadline, scheduledDuringScan);
            scheduledDuringScan = Long.MAX_VALUE;
            if (changed && watermark != persisted) {
                persist();
            }
            if (priority == null && drained) {
                try (KeyValueIterator<Bytes, byte[]> rest = store.range(key(watermark, ""), key(LAST_LEGACY_DEADLINE, null))) {
                    mayHoldTimers = rest.hasNext();
                }
            }
        }

        private void persist() {
            if (priority == null) {
                return; // the legacy range is never written: it drains, and its old watermark stays a valid lower bound
            }
            store.put(watermarkKey, ByteBuffer.allocate(Long.BYTES).putLong(watermark).array());
            persisted = watermark;
            changed = false;
        }

        /** @param id null for the upper bound of a deadline (sorts after every id of that deadline) */
        private Bytes key(long deadlineMs, String id) {
            if (deadlineMs < 0) {
                throw new IllegalArgumentException("deadline must be a non-negative epoch millisecond: " + deadlineMs);
            }
            byte[] idBytes = id == null ? new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}
                    : id.getBytes(StandardCharsets.UTF_8);
            ByteBuffer key = ByteBuffer.allocate((priority == null ? 0 : 1) + Long.BYTES + idBytes.length);
            if (priority != null) {
                key.put(priority.prefix);
            }
            return Bytes.wrap(key.putLong(deadlineMs).put(idBytes).array());
        }
    }
}
