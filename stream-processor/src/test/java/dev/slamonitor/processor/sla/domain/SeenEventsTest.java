package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.processor.store.StoreJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeenEventsTest {

    private static final long DAY = 86_400_000L;

    @Test
    void givenAnAppliedId_whenAskedAgain_thenItIsRemembered() {
        SeenEvents seen = SeenEvents.NONE.plus("e-1", 1_000, 7 * DAY, 256);

        assertThat(seen.contains("e-1")).isTrue();
        assertThat(seen.contains("e-2")).isFalse();
    }

    @Test
    void givenIdsOlderThanTheRetention_whenAnotherIsAdded_thenTheyAreForgotten() {
        SeenEvents seen = SeenEvents.NONE.plus("old", 0, 7 * DAY, 256).plus("recent", 6 * DAY, 7 * DAY, 256);

        SeenEvents later = seen.plus("new", 7 * DAY + 1, 7 * DAY, 256);

        assertThat(later.ids()).containsExactly("recent", "new");
        assertThat(later.seenAt()).containsExactly(6 * DAY, 7 * DAY + 1);
    }

    @Test
    void givenTheCapIsReached_whenAnotherIsAdded_thenTheOldestGoesFirst() {
        SeenEvents seen = SeenEvents.NONE;
        for (int i = 0; i < 3; i++) {
            seen = seen.plus("e-" + i, i, 7 * DAY, 3);
        }

        SeenEvents next = seen.plus("e-3", 3, 7 * DAY, 3);

        assertThat(next.ids()).containsExactly("e-1", "e-2", "e-3");
        assertThat(next.contains("e-0")).isFalse();
    }

    @Test
    void givenAValue_whenWrittenAndReadAsStoreJson_thenItIsEqual() throws Exception {
        SeenEvents seen = SeenEvents.NONE.plus("a", 10, DAY, 5).plus("b", 20, DAY, 5);

        byte[] json = StoreJson.mapper().writeValueAsBytes(seen);

        assertThat(StoreJson.mapper().readValue(json, SeenEvents.class)).isEqualTo(seen);
    }

    @Test
    void givenIdsAndTimesOfDifferentLength_whenBuilt_thenRefused() {
        assertThatThrownBy(() -> new SeenEvents(List.of("a"), new long[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
