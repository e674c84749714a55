package dev.slamonitor.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.health.ProgressTracker.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration STALL = Duration.ofSeconds(60);
    private final ProgressTracker tracker = new ProgressTracker(STALL.plusSeconds(10));

    @Test
    void shouldFlagATaskWithLagWhoseOffsetsDoNotMoveForLongerThanTheTimeout() {
        // given a task with lag that stops moving
        tracker.observe(Map.of("0_1", new Observation(10, 5)), T0);
        tracker.observe(Map.of("0_1", new Observation(10, 5)), T0.plusSeconds(30));
        assertThat(tracker.stalled(T0.plusSeconds(30), STALL)).isEmpty();

        // when the timeout passes without progress
        tracker.observe(Map.of("0_1", new Observation(10, 7)), T0.plusSeconds(61));

        // then it is stalled, and its time since progress says so
        assertThat(tracker.stalled(T0.plusSeconds(61), STALL)).singleElement().asString().contains("task 0_1", "lag 7");
        assertThat(tracker.sinceProgress(T0.plusSeconds(61))).containsEntry("0_1", Duration.ofSeconds(61));
    }

    @Test
    void shouldNeverFlagAnIdleTaskOrOneThatMoves() {
        tracker.observe(Map.of("0_0", new Observation(10, 0), "0_1", new Observation(1, 9)), T0);
        tracker.observe(Map.of("0_0", new Observation(10, 0), "0_1", new Observation(5, 9)), T0.plusSeconds(120));
        assertThat(tracker.stalled(T0.plusSeconds(120), STALL)).isEmpty();
        assertThat(tracker.sinceProgress(T0.plusSeconds(120))).containsEntry("0_0", Duration.ZERO).containsEntry("0_1", Duration.ZERO);
    }

    @Test
    void shouldFlagAPartitionWhoseLagIsUnknownWhenItsCommittedOffsetStandsStill() {
        // given a partition no source can tell the lag of yet (no consumer metric, no cluster answer)
        tracker.observe(Map.of("0_1", new Observation(10, ProgressTracker.UNKNOWN)), T0);

        // then it is not stalled within the timeout, but is after it: unknown is never taken for caught up
        tracker.observe(Map.of("0_1", new Observation(10, ProgressTracker.UNKNOWN)), T0.plusSeconds(59));
        assertThat(tracker.stalled(T0.plusSeconds(59), STALL)).isEmpty();
        tracker.observe(Map.of("0_1", new Observation(10, ProgressTracker.UNKNOWN)), T0.plusSeconds(61));
        assertThat(tracker.stalled(T0.plusSeconds(61), STALL)).singleElement().asString().contains("unknown lag");
    }

    @Test
    void shouldTakeAMovingCommittedOffsetAsProgressWhenTheLagIsUnknown() {
        tracker.observe(Map.of("0_1", new Observation(10, ProgressTracker.UNKNOWN)), T0);
        tracker.observe(Map.of("0_1", new Observation(12, ProgressTracker.UNKNOWN)), T0.plusSeconds(61));
        assertThat(tracker.stalled(T0.plusSeconds(61), STALL)).isEmpty();
    }

    @Test
    void shouldStartTheClockOfANewlyAssignedPartitionWhenItIsFirstSeen() {
        // given a partition another instance left standing, assigned here at T0 + 100 s with lag
        tracker.observe(Map.of("0_0", new Observation(3, 0)), T0);
        tracker.observe(Map.of("0_0", new Observation(3, 0), "0_4", new Observation(50, 20)), T0.plusSeconds(100));

        // then it is judged from when this instance got it, not from its last progress elsewhere
        assertThat(tracker.stalled(T0.plusSeconds(159), STALL)).isEmpty();
        tracker.observe(Map.of("0_0", new Observation(3, 0), "0_4", new Observation(50, 20)), T0.plusSeconds(161));
        assertThat(tracker.stalled(T0.plusSeconds(161), STALL)).singleElement().asString().contains("0_4");
    }

    @Test
    void shouldNeverFlagAPartitionRevokedWhileItWasHealthy() {
        // given a partition that moved with lag until it was revoked at T0 + 30 s
        tracker.observe(Map.of("0_1", new Observation(10, 5), "0_2", new Observation(0, 0)), T0);
        tracker.observe(Map.of("0_1", new Observation(20, 5), "0_2", new Observation(0, 0)), T0.plusSeconds(20));
        tracker.observe(Map.of("0_2", new Observation(0, 0)), T0.plusSeconds(30));

        // then its age stops when it leaves: it does not turn stalled later, and is no longer published
        tracker.observe(Map.of("0_2", new Observation(0, 0)), T0.plusSeconds(65));
        assertThat(tracker.stalled(T0.plusSeconds(65), STALL)).isEmpty();
        assertThat(tracker.sinceProgress(T0.plusSeconds(65))).containsOnlyKeys("0_2");
    }

    @Test
    void shouldKeepTheLastProgressOfATaskThatIsBrieflyUnassigned() {
        // given a stuck task whose thread is replaced, so that one observation misses it
        tracker.observe(Map.of("0_1", new Observation(10, 5)), T0);
        tracker.observe(Map.of(), T0.plusSeconds(30));
        tracker.observe(Map.of("0_1", new Observation(10, 5)), T0.plusSeconds(61));

        // then it is still stalled since T0
        assertThat(tracker.stalled(T0.plusSeconds(61), STALL)).hasSize(1);
    }

    @Test
    void shouldKeepReportingAPartitionThatWasStalledWhenItLeftUntilItIsForgotten() {
        // given a partition stalled for 65 s when its thread failed and it left this instance
        tracker.observe(Map.of("0_1", new Observation(10, 5)), T0);
        tracker.observe(Map.of("0_1", new Observation(10, 5)), T0.plusSeconds(65));
        tracker.observe(Map.of(), T0.plusSeconds(66));

        // then it stays a reason (a failure loop must not look fresh) until it is forgotten
        assertThat(tracker.stalled(T0.plusSeconds(66), STALL)).singleElement().asString().contains("until it left this instance");
        tracker.observe(Map.of(), T0.plusSeconds(65 + 71));
        assertThat(tracker.stalled(T0.plusSeconds(65 + 71), STALL)).isEmpty();
    }

    @Test
    void shouldForgetTasksThatAreNoLongerAssigned() {
        tracker.observe(Map.of("0_1", new Observation(10, 5)), T0);
        tracker.observe(Map.of("0_2", new Observation(3, 5)), T0.plusSeconds(120));
        assertThat(tracker.sinceProgress(T0.plusSeconds(120))).containsOnlyKeys("0_2");
        assertThat(tracker.stalled(T0.plusSeconds(120), STALL)).isEmpty();
    }

    @Test
    void shouldEstimatePendingInputFromTheLargestLowerBoundAtHand() {
        OptionalLong none = OptionalLong.empty();
        // the consumer's own lag alone
        assertThat(Observation.of(100, none, OptionalLong.of(7), none).lag()).isEqualTo(7);
        // fetched up to offset 104 but committed 100: five records wait in the task's buffer, even at consumer lag 0
        assertThat(Observation.of(100, OptionalLong.of(104), OptionalLong.of(0), none).lag()).isEqualTo(5);
        assertThat(Observation.of(100, OptionalLong.of(104), OptionalLong.of(3), none).lag()).isEqualTo(8);
        // everything fetched was committed (a transaction marker may put the committed offset past it)
        assertThat(Observation.of(101, OptionalLong.of(99), OptionalLong.of(0), none).lag()).isZero();
        // a cluster end offset alone (a blocked thread's consumer reports nothing new)
        assertThat(Observation.of(100, none, none, OptionalLong.of(130)).lag()).isEqualTo(30);
        // both: the larger lower bound wins
        assertThat(Observation.of(100, none, OptionalLong.of(0), OptionalLong.of(130)).lag()).isEqualTo(30);
        assertThat(Observation.of(100, none, OptionalLong.of(40), OptionalLong.of(130)).lag()).isEqualTo(40);
        // an old cluster answer below the committed offset says nothing is pending, not a negative lag
        assertThat(Observation.of(100, none, none, OptionalLong.of(90)).lag()).isZero();
        // nothing known yet (no metric, no answer): unknown, not zero; a fetched record alone proves lag, never its absence
        assertThat(Observation.of(100, none, none, none).lag()).isEqualTo(ProgressTracker.UNKNOWN);
        assertThat(Observation.of(100, OptionalLong.of(99), none, none).lag()).isEqualTo(ProgressTracker.UNKNOWN);
        assertThat(Observation.of(100, OptionalLong.of(102), none, none).lag()).isEqualTo(3);
        // never committed: the whole partition up to its end is pending
        assertThat(Observation.of(-1, none, none, OptionalLong.of(12)).lag()).isEqualTo(12);
    }

    @Test
    void shouldCountTheRebalanceThatBroughtAPartitionAsTimeItStoodStillHere() {
        // given a partition that arrives with lag, from a rebalance (and restore) that began 2.5 s before it was first seen
        tracker.observe(Map.of("1_3", new Observation(40, 6)), T0.plusSeconds(100), T0.plusMillis(97_500));

        // then its clock started at the rebalance: stalled 60 s after that, not 60 s after it was first seen
        tracker.observe(Map.of("1_3", new Observation(40, 6)), T0.plusMillis(157_600), T0.plusMillis(97_500));
        assertThat(tracker.stalled(T0.plusMillis(157_600), STALL)).singleElement().asString().contains("1_3");

        // while one that arrives caught up starts fresh
        tracker.observe(Map.of("1_4", new Observation(7, 0)), T0.plusSeconds(200), T0.plusSeconds(100));
        assertThat(tracker.sinceProgress(T0.plusSeconds(200))).containsEntry("1_4", Duration.ZERO);
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
