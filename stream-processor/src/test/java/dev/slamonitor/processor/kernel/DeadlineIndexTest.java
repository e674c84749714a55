package dev.slamonitor.processor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.kernel.DeadlineIndex.Priority;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadlineIndexTest {

    private KeyValueStore<Bytes, byte[]> store;
    private DeadlineIndex index;
    private final List<String> fired = new ArrayList<>();

    @BeforeEach
    void setUp() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("timers"),
                org.apache.kafka.common.serialization.Serdes.Bytes(),
                org.apache.kafka.common.serialization.Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        index = new DeadlineIndex(store);
    }

    private int fire(long now, int budget) {
        return index.fireDue(now, budget, 1_000, (id, deadline) -> fired.add(id + "@" + deadline));
    }

    @Test
    void shouldFireOnlyDueTimersInDeadlineOrder() {
        index.schedule("c", 300);
        index.schedule("a", 100);
        index.schedule("b", 200);
        index.schedule("late", 10_000);

        assertThat(fire(250, 100)).isEqualTo(2);
        assertThat(fired).containsExactly("a@100", "b@200");
        assertThat(fire(300, 100)).isEqualTo(1);
        assertThat(fired).containsExactly("a@100", "b@200", "c@300");
    }

    @Test
    void shouldNeverFireACancelledOrMovedTimer() {
        index.schedule("a", 100);
        index.schedule("b", 100);
        index.cancel("a", 100);
        index.reschedule("b", 100, 500);

        assertThat(fire(200, 100)).isZero();
        assertThat(fire(500, 100)).isEqualTo(1);
        assertThat(fired).containsExactly("b@500");
    }

    @Test
    void shouldCarryOverTimersBeyondTheBudget() {
        for (int i = 0; i < 10; i++) {
            index.schedule("t" + i, 100);
        }
        assertThat(fire(1_000, 4)).isEqualTo(4);
        assertThat(fire(1_000, 4)).isEqualTo(4);
        assertThat(fire(1_000, 4)).isEqualTo(2);
        assertThat(fired).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void shouldStartScansFromThePersistedWatermarkAndStillSeeAPastDeadlineScheduledLater() {
        index.schedule("a", 100);
        fire(1_000, 100);
        assertThat(index.watermark()).isEqualTo(1_001);

        // a restarted index reads the watermark back
        DeadlineIndex restarted = new DeadlineIndex(store);
        assertThat(restarted.watermark()).isEqualTo(1_001);

        // a deadline already in the past when scheduled lowers the watermark and fires next time
        restarted.schedule("overdue", 50);
        restarted.fireDue(1_100, 100, 1_000, (id, d) -> fired.add(id + "@" + d));
        assertThat(fired).containsExactly("a@100", "overdue@50");
    }

    @Test
    void shouldFireATimerThatItsOwnCallbackScheduledAtAnAlreadyDueDeadline() {
        // given a timer whose owner, when it fires late, moves its next wake-up to a time that is already due
        index.schedule("ticket", 100);
        index.fireDue(1_000, 100, 1_000, (id, deadline) -> {
            fired.add(id + "@" + deadline);
            if (deadline == 100) {
                index.schedule(id, 500);
            }
        });

        // when the next punctuation scans
        fire(1_050, 100);

        // then the wake-up scheduled during the scan still fires: the watermark never passes it
        assertThat(fired).containsExactly("ticket@100", "ticket@500");
    }

    @Test
    void shouldFireEveryHighPriorityTimerBeforeAnyNormalOneWhenTheBudgetIsShort() {
        // given a burst of warnings due a little before a burst of breaches
        for (int i = 0; i < 5; i++) {
            index.schedule("warn" + i, 100, Priority.NORMAL);
            index.schedule("breach" + i, 200, Priority.HIGH);
        }

        // when a punctuation may fire only five
        assertThat(fire(1_000, 5)).isEqualTo(5);

        // then the breaches went first, the warnings follow in the next one
        assertThat(fired).allMatch(f -> f.startsWith("breach"));
        assertThat(fire(1_000, 5)).isEqualTo(5);
        assertThat(fired.subList(5, 10)).allMatch(f -> f.startsWith("warn"));
    }

    @Test
    void shouldCheckTheTimeBudgetBeforeEveryTimer() {
        for (int i = 0; i < 3; i++) {
            index.schedule("t" + i, 100);
        }
        // a callback slower than the whole budget: one timer per call, never all at once
        DeadlineIndex.DueTimer slow = (id, deadline) -> {
            fired.add(id);
            long until = System.nanoTime() + 3_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        };
        assertThat(index.fireDue(1_000, 100, 1, slow)).isEqualTo(1);
        assertThat(index.fireDue(1_000, 100, 1, slow)).isEqualTo(1);
        assertThat(index.fireDue(1_000, 100, 1, slow)).isEqualTo(1);
        assertThat(fired).containsExactly("t0", "t1", "t2");
    }

    @Test
    void shouldWriteNothingWhenTimePassesWithoutAChange() {
        // given a timer far ahead and a scan that persisted the watermark after the last change
        index.schedule("far", 1_000_000);
        fire(1_000, 100);
        byte[] persisted = store.get(Bytes.wrap(new byte[] {2}));

        // when punctuations keep running with nothing due
        for (long now = 2_000; now < 500_000; now += 50) {
            fire(now, 100);
        }

        // then the scan start moved on in memory only: the store (and so its changelog) is untouched
        assertThat(store.get(Bytes.wrap(new byte[] {2}))).isEqualTo(persisted);
        assertThat(index.watermark()).isEqualTo(499_951);
        assertThat(fire(1_000_000, 100)).isEqualTo(1);
        assertThat(fired).containsExactly("far@1000000");
    }

    @Test
    void shouldWriteNoWatermarkForTimersMovedAheadOfItWhileNothingFires() {
        // given a scan that persisted the watermark after firing, then timers scheduled and moved far ahead
        index.schedule("a", 100);
        fire(1_000, 100);
        byte[] persisted = store.get(Bytes.wrap(new byte[] {2}));
        for (int i = 0; i < 50; i++) {
            index.schedule("t" + i, 900_000);
            index.reschedule("t" + i, 900_000, 950_000);
        }

        // when scans with nothing due follow
        for (long now = 1_050; now < 60_000; now += 50) {
            fire(now, 100);
        }

        // then the watermark was not written again, and a restart from it still fires every moved timer
        assertThat(store.get(Bytes.wrap(new byte[] {2}))).isEqualTo(persisted);
        DeadlineIndex restarted = new DeadlineIndex(store);
        assertThat(restarted.fireDue(950_000, 100, 1_000, (id, d) -> fired.add(id + "@" + d))).isEqualTo(50);
    }

    @Test
    void shouldRestartFromThePersistedWatermarkWithoutLosingATimerAfterAnIdleStretch() {
        index.schedule("a", 100);
        fire(1_000, 100);
        for (long now = 1_050; now < 10_000; now += 50) {
            fire(now, 100);
        }
        // a timer scheduled below the persisted watermark is persisted at once, so a restart still sees it
        index.schedule("b", 500);
        DeadlineIndex restarted = new DeadlineIndex(store);
        restarted.fireDue(10_000, 100, 1_000, (id, d) -> fired.add(id + "@" + d));
        assertThat(fired).containsExactly("a@100", "b@500");
    }

    @Test
    void shouldFireTimersWrittenInTheKeyLayoutBeforePriorities() {
        // given a store restored from a changelog of an earlier build: deadline + id keys, watermark under the empty key
        store.put(Bytes.wrap(new byte[0]), ByteBuffer.allocate(Long.BYTES).putLong(50).array());
        store.put(legacyKey(100, "old-a"), new byte[0]);
        store.put(legacyKey(5_000, "old-b"), new byte[0]);
        DeadlineIndex upgraded = new DeadlineIndex(store);
        upgraded.schedule("new", 200, Priority.HIGH);

        // when it fires, the old entries fire like the new ones and are gone afterwards
        upgraded.fireDue(1_000, 100, 1_000, (id, d) -> fired.add(id + "@" + d));
        upgraded.fireDue(6_000, 100, 1_000, (id, d) -> fired.add(id + "@" + d));

        assertThat(fired).containsExactly("old-a@100", "new@200", "old-b@5000");
        assertThat(store.get(legacyKey(100, "old-a"))).isNull();
        assertThat(store.get(legacyKey(5_000, "old-b"))).isNull();
    }

    private static Bytes legacyKey(long deadline, String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + idBytes.length).putLong(deadline).put(idBytes).array());
    }
}
