package dev.slamonitor.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration STALL = Duration.ofSeconds(60);
    private final ProgressTracker tracker = new ProgressTracker(STALL);

    @Test
    void shouldFlagATaskWithLagWhoseOffsetsDoNotMoveForLongerThanTheTimeout() {
        // given a task with lag that stops moving
        tracker.observe(Map.of("0_1", new ProgressTracker.Observation(10, 5)), T0);
        tracker.observe(Map.of("0_1", new ProgressTracker.Observation(10, 5)), T0.plusSeconds(30));
        assertThat(tracker.stalled(T0.plusSeconds(30), STALL)).isEmpty();

        // when the timeout passes without progress
        tracker.observe(Map.of("0_1", new ProgressTracker.Observation(10, 7)), T0.plusSeconds(61));

        // then it is stalled, and its time since progress says so
        assertThat(tracker.stalled(T0.plusSeconds(61), STALL)).singleElement().asString().contains("task 0_1", "lag 7");
        assertThat(tracker.sinceProgress(T0.plusSeconds(61))).containsEntry("0_1", Duration.ofSeconds(61));
    }

    @Test
    void shouldNeverFlagAnIdleTaskOrOneThatMoves() {
        tracker.observe(Map.of("0_0", new ProgressTracker.Observation(10, 0), "0_1", new ProgressTracker.Observation(1, 9)), T0);
        tracker.observe(Map.of("0_0", new ProgressTracker.Observation(10, 0), "0_1", new ProgressTracker.Observation(5, 9)),
                T0.plusSeconds(120));
        assertThat(tracker.stalled(T0.plusSeconds(120), STALL)).isEmpty();
        assertThat(tracker.sinceProgress(T0.plusSeconds(120))).containsEntry("0_0", Duration.ZERO).containsEntry("0_1", Duration.ZERO);
    }

    @Test
    void shouldKeepTheLastProgressOfATaskThatIsBrieflyUnassigned() {
        // given a stuck task whose thread is replaced, so that one observation misses it
        tracker.observe(Map.of("0_1", new ProgressTracker.Observation(10, 5)), T0);
        tracker.observe(Map.of(), T0.plusSeconds(30));
        tracker.observe(Map.of("0_1", new ProgressTracker.Observation(10, 5)), T0.plusSeconds(61));

        // then it is still stalled since T0
        assertThat(tracker.stalled(T0.plusSeconds(61), STALL)).hasSize(1);
    }

    @Test
    void shouldForgetTasksThatAreNoLongerAssigned() {
        tracker.observe(Map.of("0_1", new ProgressTracker.Observation(10, 5)), T0);
        tracker.observe(Map.of("0_2", new ProgressTracker.Observation(3, 5)), T0.plusSeconds(120));
        assertThat(tracker.sinceProgress(T0.plusSeconds(120))).containsOnlyKeys("0_2");
        assertThat(tracker.stalled(T0.plusSeconds(120), STALL)).isEmpty();
    }

    @Test
    void shouldCountThreadReplacementsWithinTheWindowOnly() {
        ThreadReplacements replacements = new ThreadReplacements(Duration.ofMinutes(5));
        replacements.record(T0);
        replacements.record(T0.plusSeconds(60));
        replacements.record(T0.plusSeconds(240));
        assertThat(replacements.within(T0.plusSeconds(250))).isEqualTo(3);
        assertThat(replacements.within(T0.plusSeconds(330))).isEqualTo(2);
    }
}
