package dev.slamonitor.processor.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowCounterTest {

    private static final long W = 7;

    @Test
    void shouldIncludeBothEndsOfTheWindow() {
        // given occurrences at 0, 3 and 7
        List<Occurrence> occ = List.of(o(0, "a"), o(3, "b"), o(7, "c"));
        // when counting the window ending at 7 with length 7, then [0, 7] holds all three
        assertThat(WindowCounter.at(occ, 7, W).count()).isEqualTo(3);
        // and the window ending at 8 drops the first
        assertThat(WindowCounter.at(occ, 8, W).ticketIds()).containsExactly("b", "c");
    }

    @Test
    void shouldCountATicketOnceAndListItByItsLatestOccurrence() {
        List<Occurrence> occ = List.of(o(1, "a"), o(2, "b"), o(3, "a"));
        assertThat(WindowCounter.at(occ, 3, W).ticketIds()).containsExactly("b", "a");
    }

    @Test
    void shouldFindTheFullestWindowThatALateOccurrenceCompletes() {
        // given occurrences at 10 and 16, and a late one at 5
        List<Occurrence> occ = List.of(o(10, "b"), o(16, "c"), o(5, "a"));
        // when judging the late one: windows ending at 5 (1 ticket), 10 ([3,10]: 2), 16 ([9,16]: 2, excludes 5)
        WindowCount peak = WindowCounter.peakContaining(occ, 5, W);
        // then the earliest fullest window wins
        assertThat(peak.endMs()).isEqualTo(10);
        assertThat(peak.ticketIds()).containsExactly("a", "b");
    }

    @Test
    void shouldKeepTheMostRecentExamples() {
        List<Occurrence> occ = List.of(o(1, "a"), o(2, "b"), o(3, "c"));
        assertThat(WindowCounter.at(occ, 3, W).examples(2)).containsExactly("b", "c");
    }

    private static Occurrence o(long at, String ticket) {
        return new Occurrence(at, ticket, "tag");
    }
}
