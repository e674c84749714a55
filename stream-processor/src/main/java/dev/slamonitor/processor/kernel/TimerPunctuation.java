package dev.slamonitor.processor.kernel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The one wall-clock timer punctuation of a processor over its {@link DeadlineIndex}: it owns the
 * schedule, the budget of one run and the two meters every timer feature reports,
 * {@code slamon.punctuation{feature}} (duration of one run) and {@code slamon.timers.fired{feature}}
 * (due index entries handed to the feature).
 *
 * <p>Wall-clock time, not stream time: a ticket that receives no further event must still reach its
 * deadline, and stream time only advances with new records. "Now" is the punctuation's timestamp,
 * never {@code System.currentTimeMillis()}, so TopologyTestDriver tests and production agree. A run
 * fires at most {@link Budget#maxTimers()} entries; the rest stay due for the next run, so a burst
 * cannot starve record processing or outlive the transaction timeout.
 *
 * <p>The time budget {@link Budget#maxMillis()} is per interval and per stream thread, shared by the
 * feature's tasks on that thread: in each interval window every task gets an equal share of it, set
 * from how many tasks had due timers in the previous window (at least one timer per run, so no task
 * starves). A budget
 * per task would let a thread with T busy tasks spend T times the budget on timers; Kafka Streams
 * halves the records it processes per loop after every punctuation, so a thread that punctuates all
 * the time nearly stops processing records (measured: events waited as long as the whole burst).
 */
public final class TimerPunctuation {

    /** The work of one run, per feature. */
    public interface Timers {

        /** Before the due timers (refresh a cache, start a sweep). */
        default void before(long nowMs) {
        }

        /** The latest deadline that may fire in this run; a feature that holds its timers returns less than now. */
        default long fireUpTo(long nowMs) {
            return nowMs;
        }

        /**
         * One due entry, already taken out of the index. The index is a hint and the feature's state
         * is the truth: check that the state still says this deadline is due and ignore stale entries.
         */
        void onDue(String id, long deadlineMs, long nowMs);

        /** After the due timers (a budgeted sweep, publishing what the run batched). */
        default void after(long nowMs) {
        }
    }

    /**
     * At most this many due entries and this much time per run; {@code idleMaxMillis} when the stream
     * thread processed no record since the task's previous run (nothing waits for the thread, so a
     * burst of due timers may take most of it instead of half).
     */
    public record Budget(int maxTimers, long maxMillis, long idleMaxMillis) {
        public Budget {
            if (maxTimers < 1 || maxMillis < 1 || idleMaxMillis < maxMillis) {
                throw new IllegalArgumentException("a punctuation budget needs at least one timer and one millisecond,"
                        + " and an idle budget no smaller than the busy one");
            }
        }

        /** The same budget whether or not records wait. */
        public Budget(int maxTimers, long maxMillis) {
            this(maxTimers, maxMillis, maxMillis);
        }
    }

    /** The feature's time spent on timers in the current interval window of one stream thread. */
    private static final class Window {
        long startMs = Long.MIN_VALUE;
        int busyTasks;
        int busyTasksBefore;
    }

    private static final ThreadLocal<java.util.Map<String, Window>> WINDOWS = ThreadLocal.withInitial(java.util.HashMap::new);

    private final String feature;
    private final Duration interval;
    private final Budget budget;
    private final Timer duration;
    private final Counter fired;
    /** Records the stream thread processed so far (all its tasks); read once per run. */
    private LongSupplier threadRecords = ThreadRecords.UNKNOWN;
    private long recordsAtLastRun = -1;
    private long lastBudgetMillis;

    /** @param feature the {@code feature} tag of the meters (for example {@code sla}, {@code refund}) */
    public TimerPunctuation(String feature, Duration interval, Budget budget, MeterRegistry registry) {
        this.feature = feature;
        this.interval = interval;
        this.budget = budget;
        this.duration = Timer.builder("slamon.punctuation")
                .description("Duration of one wall-clock timer punctuation (due timers and the feature's per-run work)")
                .tag("feature", feature).publishPercentiles(0.5, 0.99).register(registry);
        this.fired = Counter.builder("slamon.timers.fired")
                .description("Due timer entries handed to their feature by wall-clock punctuations")
                .tag("feature", feature).register(registry);
    }

    /** Schedules the punctuation on the processor's context (call from {@code init}). */
    public void start(ProcessorContext<?, ?> context, DeadlineIndex index, Timers timers) {
        this.threadRecords = ThreadRecords.of(context);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, nowMs -> run(index, timers, nowMs));
    }

    /** One run: {@code before}, the due timers up to {@code fireUpTo} within the budget, {@code after}. */
    void run(DeadlineIndex index, Timers timers, long nowMs) {
        long started = System.nanoTime();
        Window window = window(nowMs);
        // An equal share, not what the others left: a task that overran (a slow timer, a descheduled thread)
        // must not starve the next one; a task newly busy in this window is counted from the next one on.
        lastBudgetMillis = budgetMillis();
        long shareNanos = lastBudgetMillis * 1_000_000L / Math.max(1, window.busyTasksBefore);
        timers.before(nowMs);
        int count = index.fireDue(timers.fireUpTo(nowMs), budget.maxTimers(), shareNanos, TimeUnit.NANOSECONDS,
                (id, deadlineMs) -> timers.onDue(id, deadlineMs, nowMs));
        timers.after(nowMs);
        fired.increment(count);
        if (count > 0) {
            window.busyTasks++;
        }
        duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /**
     * The idle budget only when the thread's record count is known and did not move since this task's
     * previous run: between two runs of a task every task of the thread had one loop to process what
     * its poll returned, so an unchanged count means nothing was waiting.
     */
    private long budgetMillis() {
        long records = threadRecords.getAsLong();
        boolean idle = records >= 0 && records == recordsAtLastRun;
        recordsAtLastRun = records;
        return idle ? budget.idleMaxMillis() : budget.maxMillis();
    }

    /** For tests: the budget of the last run, before the share among the thread's busy tasks. */
    long lastBudgetMillis() {
        return lastBudgetMillis;
    }

    /** For tests: the thread's processed-record count (production reads Kafka Streams' thread metric). */
    void countRecordsWith(LongSupplier records) {
        this.threadRecords = records;
    }

    /** This thread's window for the feature, rolled over once an interval has passed (or the clock went back). */
    private Window window(long nowMs) {
        Window w = WINDOWS.get().computeIfAbsent(feature, f -> new Window());
        if (w.startMs == Long.MIN_VALUE || nowMs - w.startMs >= interval.toMillis() || nowMs < w.startMs) {
            w.busyTasksBefore = w.busyTasks;
            w.busyTasks = 0;
            w.startMs = nowMs;
        }
        return w;
    }
}
