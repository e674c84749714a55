package dev.slamonitor.processor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The one timer punctuation: its meters, and a time budget shared by the feature's tasks on one
 * stream thread, so that several busy tasks together cannot spend more than the budget per interval.
 */
class TimerPunctuationTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static DeadlineIndex index(String name, int timers) {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        DeadlineIndex index = new DeadlineIndex(store);
        for (int i = 0; i < timers; i++) {
            index.schedule(name + i, 100);
        }
        return index;
    }

    /** A feature whose timers each take about a millisecond. */
    private static TimerPunctuation.Timers slow(List<String> fired) {
        return (id, deadlineMs, nowMs) -> {
            fired.add(id);
            long until = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        };
    }

    @Test
    void shouldShareTheTimeBudgetOfOneIntervalAmongTheTasksOfAThread() {
        // given two tasks of one feature on this thread, each with a backlog of slow timers, and a 10 ms budget
        TimerPunctuation.Budget budget = new TimerPunctuation.Budget(1_000, 10);
        TimerPunctuation a = new TimerPunctuation("test-shared", Duration.ofMillis(50), budget, registry);
        TimerPunctuation b = new TimerPunctuation("test-shared", Duration.ofMillis(50), budget, registry);
        DeadlineIndex indexA = index("a", 200);
        DeadlineIndex indexB = index("b", 200);
        List<String> fired = new ArrayList<>();

        // when both punctuate in the same intervals
        for (long now = 1_000; now < 1_500; now += 50) {
            a.run(indexA, slow(fired), now);
            b.run(indexB, slow(fired), now);
        }

        // then together they used about one budget per interval (10 intervals of ~10 one-millisecond timers,
        // plus the first interval, when neither knew of the other), not one each; and both got their share
        assertThat(fired).hasSizeLessThan(160); // a budget per task would fire about 2 x 10 per interval: 200+
        assertThat(fired.stream().filter(id -> id.startsWith("a")).count()).isGreaterThanOrEqualTo(10);
        assertThat(fired.stream().filter(id -> id.startsWith("b")).count()).isGreaterThanOrEqualTo(10);
        assertThat(registry.get("slamon.timers.fired").tag("feature", "test-shared").counter().count())
                .isEqualTo(fired.size());
        assertThat(registry.get("slamon.punctuation").tag("feature", "test-shared").timer().count()).isEqualTo(20);
    }

    @Test
    void shouldTakeTheIdleBudgetOnlyWhileTheThreadProcessedNoRecordSinceTheTasksPreviousRun() {
        // given one task with a 5 ms budget and a 40 ms idle budget, and the thread's record count
        TimerPunctuation punctuation = new TimerPunctuation("test-idle", Duration.ofMillis(50),
                new TimerPunctuation.Budget(10_000, 5, 40), registry);
        long[] threadRecords = {7};
        punctuation.countRecordsWith(() -> threadRecords[0]);
        DeadlineIndex index = index("i", 100);
        List<String> fired = new ArrayList<>();
        List<Long> budgets = new ArrayList<>();

        // when: the first run knows no earlier count, the second sees it unchanged, the third follows a
        // record processed in between, the fourth sees it unchanged again
        for (long now = 1_000; now < 1_200; now += 50) {
            if (now == 1_100) {
                threadRecords[0]++;
            }
            punctuation.run(index, (id, deadlineMs, nowMs) -> fired.add(id), now);
            budgets.add(punctuation.lastBudgetMillis());
        }

        // then only the runs after which nothing was processed took the idle budget
        assertThat(budgets).containsExactly(5L, 40L, 5L, 40L);
    }

    @Test
    void shouldDrainMoreTimersPerRunWithTheIdleBudget() {
        // given a backlog of one-millisecond timers and an idle thread
        TimerPunctuation punctuation = new TimerPunctuation("test-drain", Duration.ofMillis(50),
                new TimerPunctuation.Budget(10_000, 2, 40), registry);
        punctuation.countRecordsWith(() -> 7);
        DeadlineIndex index = index("d", 1_000);
        List<String> fired = new ArrayList<>();

        punctuation.run(index, slow(fired), 1_000);
        int busyRun = fired.size();
        punctuation.run(index, slow(fired), 1_050);
        int idleRun = fired.size() - busyRun;

        // then the idle run fired more (timing-based, so only the direction is asserted)
        assertThat(idleRun).isGreaterThan(busyRun);
    }

    @Test
    void shouldNeverTakeTheIdleBudgetWhenTheThreadsRecordCountIsUnknown() {
        TimerPunctuation punctuation = new TimerPunctuation("test-unknown", Duration.ofMillis(50),
                new TimerPunctuation.Budget(10_000, 5, 40), registry);
        punctuation.countRecordsWith(() -> -1);
        DeadlineIndex index = index("u", 10);
        List<Long> budgets = new ArrayList<>();

        for (long now = 1_000; now < 1_200; now += 50) {
            punctuation.run(index, (id, deadlineMs, nowMs) -> { }, now);
            budgets.add(punctuation.lastBudgetMillis());
        }

        assertThat(budgets).containsOnly(5L);
    }

    @Test
    void shouldRefuseAnIdleBudgetBelowTheBusyOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TimerPunctuation.Budget(10, 25, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle budget");
    }

    @Test
    void shouldRegisterOneDefinitionOfEachMeterPerFeature() {
        new TimerPunctuation("one", Duration.ofMillis(50), new TimerPunctuation.Budget(10, 5), registry);
        new TimerPunctuation("one", Duration.ofMillis(50), new TimerPunctuation.Budget(10, 5), registry);

        assertThat(registry.find("slamon.punctuation").timers()).hasSize(1);
        assertThat(registry.find("slamon.timers.fired").counters()).hasSize(1);
    }
}
