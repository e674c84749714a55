package dev.slamonitor.processor.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftEvaluatorTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final Taxonomy TX = new Taxonomy(1, List.of("7d"), Map.of("7d", 3), "kb", "https://p",
            new KnowledgePolicy(2, "14d", "48h", 3, 5), List.of(new TagDefinition("sso", "id", "https://p", null, Map.of())));

    @Test
    void shouldFireOnceAtTheCrossingAndStayQuietWhileFiring() {
        // given three occurrences within a day
        List<Occurrence> occ = new ArrayList<>(List.of(o(0, "a"), o(1, "b"), o(2, "c")));
        List<DriftDecision> first = DriftEvaluator.onOccurrence(TX, "sso", DriftState.empty(), occ, h(2), h(2));
        assertThat(first).singleElement().isInstanceOf(DriftDecision.Fire.class);
        DriftState firing = DriftEvaluator.apply(DriftState.empty(), first.get(0), "alert", "item");
        // when a fourth arrives, then nothing new
        occ.add(o(3, "d"));
        assertThat(DriftEvaluator.onOccurrence(TX, "sso", firing, occ, h(3), h(3))).isEmpty();
    }

    @Test
    void shouldRearmOnlyWhenTheCountAtStreamTimeFallsBelowTheThreshold() {
        List<Occurrence> occ = List.of(o(0, "a"), o(1, "b"), o(2, "c"));
        DriftState firing = DriftEvaluator.apply(DriftState.empty(),
                new DriftDecision.Fire("7d", WindowCounter.at(occ, h(2), 7 * DAY), 3), "alert", "item");
        // at stream time 7d the first occurrence (at 0) is exactly on the window edge: still counted
        assertThat(DriftEvaluator.recheck(TX, "sso", firing, occ, 7 * DAY)).isEmpty();
        // one millisecond later it falls out
        assertThat(DriftEvaluator.recheck(TX, "sso", firing, occ, 7 * DAY + 1)).singleElement()
                .isInstanceOf(DriftDecision.Rearm.class);
    }

    @Test
    void shouldNotFireAgainForAWindowEndingAtOrBeforeTheLastFiredOne() {
        List<Occurrence> occ = List.of(o(0, "a"), o(1, "b"), o(2, "c"));
        DriftState fired = DriftEvaluator.apply(DriftState.empty(),
                new DriftDecision.Fire("7d", WindowCounter.at(occ, h(2), 7 * DAY), 3), "alert", "item");
        DriftState rearmed = DriftEvaluator.apply(fired, new DriftDecision.Rearm("7d", WindowCounter.at(occ, 9 * DAY, 7 * DAY), 3), null, null);
        // a late occurrence inside the old, already reported window
        List<Occurrence> withLate = List.of(o(0, "a"), o(1, "b"), o(2, "c"), o(1, "z"));
        assertThat(DriftEvaluator.onOccurrence(TX, "sso", rearmed, withLate, h(1), 9 * DAY)).isEmpty();
    }

    private static Occurrence o(long hours, String ticket) {
        return new Occurrence(h(hours), ticket, "sso");
    }

    private static long h(long hours) {
        return hours * 3_600_000L;
    }
}
