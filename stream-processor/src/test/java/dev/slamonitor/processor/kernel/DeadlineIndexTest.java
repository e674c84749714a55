package dev.slamonitor.processor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

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
}
