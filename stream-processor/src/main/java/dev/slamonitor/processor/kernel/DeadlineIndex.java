package dev.slamonitor.processor.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Timers ordered by deadline in a persistent key-value store, so that a wall-clock punctuation
 * touches only the timers that are due, never every open ticket.
 *
 * <p>Key layout: 8-byte big-endian deadline (epoch millis, non-negative) followed by the UTF-8 timer
 * id; RocksDB orders keys as unsigned bytes, which is deadline order. Invariants:
 * <ul>
 *   <li>The index is a hint, the owner's state is the truth: a due entry is removed, then handed to
 *       the callback, which must check its own state ("is this still the clock's deadline and is it
 *       &lt;= now?") and ignore stale entries. Breaches derive from stored deadlines, never from
 *       counting punctuations, so skipped punctuations and restarts lose nothing.</li>
 *   <li>Each scan starts at a persisted low watermark (the earliest deadline that may still be in
 *       the index) instead of the start of the store, so tombstones of fired timers are not rescanned
 *       every time, also after a restart or rebalance.</li>
 *   <li>One call fires at most {@code budget} timers and stops after {@code maxMillis}; the rest stay
 *       due for the next punctuation, so a burst cannot starve record processing or outlive the
 *       transaction timeout.</li>
 * </ul>
 * Everything goes through the (changelogged) store, so timer changes commit atomically with the
 * outputs under exactly-once.
 */
public final class DeadlineIndex {

    /** Sorts before every timer key (empty key), holds the low watermark. */
    private static final Bytes WATERMARK_KEY = Bytes.wrap(new byte[0]);
    private static final byte[] EMPTY = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;
    private long watermark;
    /** The earliest deadline scheduled while {@link #fireDue} runs (callbacks reschedule their owners). */
    private long scheduledDuringScan = Long.MAX_VALUE;

    /** Receives one due timer. */
    @FunctionalInterface
    public interface DueTimer {
        void fire(String id, long deadlineMs);
    }

    public DeadlineIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        byte[] stored = store.get(WATERMARK_KEY);
        this.watermark = stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
    }

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> storeBuilder(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }

    public void schedule(String id, long deadlineMs) {
        store.put(key(deadlineMs, id), EMPTY);
        scheduledDuringScan = Math.min(scheduledDuringScan, deadlineMs);
        if (deadlineMs < watermark) {
            setWatermark(deadlineMs);
        }
    }

    public void cancel(String id, long deadlineMs) {
        store.delete(key(deadlineMs, id));
    }

    /** Moves a timer; a no-op when the deadline did not change. */
    public void reschedule(String id, long oldDeadlineMs, long newDeadlineMs) {
        if (oldDeadlineMs != newDeadlineMs) {
            cancel(id, oldDeadlineMs);
            schedule(id, newDeadlineMs);
        }
    }

    /**
     * Fires every timer with deadline &lt;= {@code nowMs}, earliest first, within the budget.
     *
     * @return the number of timers fired
     */
    public int fireDue(long nowMs, int budget, long maxMillis, DueTimer onDue) {
        if (nowMs < watermark) {
            return 0; // everything up to the watermark already fired (a caller that holds timers can ask for less)
        }
        long stopAt = System.nanoTime() + maxMillis * 1_000_000;
        int fired = 0;
        long lastDeadline = watermark;
        boolean exhausted = true;
        scheduledDuringScan = Long.MAX_VALUE;
        try (KeyValueIterator<Bytes, byte[]> due = store.range(key(watermark, ""), key(nowMs, null))) {
            while (due.hasNext()) {
                if (fired >= budget || ((fired & 0xFF) == 0 && fired > 0 && System.nanoTime() > stopAt)) {
                    exhausted = false;
                    break;
                }
                KeyValue<Bytes, byte[]> entry = due.next();
                ByteBuffer buffer = ByteBuffer.wrap(entry.key.get());
                long deadline = buffer.getLong();
                String id = new String(entry.key.get(), Long.BYTES, entry.key.get().length - Long.BYTES,
                        StandardCharsets.UTF_8);
                store.delete(entry.key);
                onDue.fire(id, deadline);
                lastDeadline = deadline;
                fired++;
            }
        }
        // Everything before the last fired deadline is gone; if the range was exhausted, so is all up to now,
        // except what a callback scheduled meanwhile (a late owner moving its wake-up to a time already due).
        long next = Math.min(exhausted ? Math.max(lastDeadline, nowMs + 1) : lastDeadline, scheduledDuringScan);
        if (next != watermark) {
            setWatermark(next);
        }
        return fired;
    }

    /** The earliest deadline a scan starts from (for tests and diagnostics). */
    public long watermark() {
        return watermark;
    }

    private void setWatermark(long value) {
        watermark = value;
        store.put(WATERMARK_KEY, ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    /** @param id null for the upper bound of a deadline (sorts after every id of that deadline) */
    private static Bytes key(long deadlineMs, String id) {
        if (deadlineMs < 0) {
            throw new IllegalArgumentException("deadline must be a non-negative epoch millisecond: " + deadlineMs);
        }
        byte[] idBytes = id == null ? new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}
                : id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + idBytes.length).putLong(deadlineMs).put(idBytes).array());
    }
}
