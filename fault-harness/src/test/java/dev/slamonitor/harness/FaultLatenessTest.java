package dev.slamonitor.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FaultLatenessTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final TopicPartition P0 = new TopicPartition("ticket-events", 0);
    private static final TopicPartition P1 = new TopicPartition("ticket-events", 1);
    private static final Duration PUNCTUATION = Duration.ofMillis(50);

    @Test
    void shouldRecoverFromAProcessorFaultWhenEveryPartitionItOwnedWithInputMovedAgain() {
        // given a kill at T0 of the processor owning P0 and P1
        Recovery r = new Recovery(T0.toEpochMilli(), Set.of(P0, P1), false, 0);

        // when P0 has input and stands still, P1 gets none, and P0 moves 10 s later
        r.sample(T0.toEpochMilli() + 500, Map.of(P0, 3L, P1, 0L), Map.of(P0, 100L, P1, 7L), 3);
        r.sample(T0.toEpochMilli() + 5_000, Map.of(P0, 8L, P1, 0L), Map.of(P0, 100L, P1, 7L), 8);
        assertThat(r.finished()).isFalse();
        r.sample(T0.toEpochMilli() + 10_000, Map.of(P0, 0L, P1, 0L), Map.of(P0, 108L, P1, 7L), 0);

        // then the recovery took 10 s
        assertThat(r.tookMs()).hasValue(10_000);
    }

    @Test
    void shouldRecoverFromABurstOnlyOnceItsBacklogIsApplied() {
        Recovery r = new Recovery(T0.toEpochMilli(), null, true, 4);
        r.sample(T0.toEpochMilli() + 500, Map.of(P0, 0L), Map.of(P0, 0L), 0); // the burst is not sent yet
        r.actionEnded(T0.toEpochMilli() + 1_000);
        r.sample(T0.toEpochMilli() + 1_500, Map.of(P0, 20_000L), Map.of(P0, 0L), 20_000);
        assertThat(r.finished()).isFalse();
        r.sample(T0.toEpochMilli() + 30_000, Map.of(P0, 40L), Map.of(P0, 19_960L), 40);
        assertThat(r.tookMs()).hasValue(30_000);
    }

    @Test
    void shouldJudgeEachFaultsLatenessAgainstItsRecoveryPlusOnePunctuation() {
        // given a kill that took 10 s to recover from, and a burst whose backlog took 60 s
        Recovery kill = new Recovery(T0.toEpochMilli(), Set.of(P0), false, 0);
        kill.sample(T0.toEpochMilli() + 500, Map.of(P0, 3L), Map.of(P0, 100L), 3);
        kill.sample(T0.toEpochMilli() + 10_000, Map.of(P0, 0L), Map.of(P0, 103L), 0);
        Instant burstAt = T0.plusSeconds(100);
        Recovery burst = new Recovery(burstAt.toEpochMilli(), null, true, 0);
        burst.actionEnded(burstAt.toEpochMilli() + 1_000);
        burst.sample(burstAt.toEpochMilli() + 60_000, Map.of(P0, 0L), Map.of(P0, 20_000L), 0);
        List<FaultSchedule.Injected> faults = List.of(
                new FaultSchedule.Injected("t+0s kill -9 proc-0", Profile.Kind.KILL_PROCESSOR, T0, T0.plusSeconds(3), kill),
                new FaultSchedule.Injected("t+100s burst", Profile.Kind.BURST, burstAt, burstAt.plusSeconds(1), burst));

        // when alerts due during the kill came up to 9.8 s late, and during the burst up to 75 s
        List<FaultLateness.Due> dues = List.of(new FaultLateness.Due(T0.plusSeconds(1), 9_000),
                new FaultLateness.Due(T0.plusSeconds(2), 9_800), new FaultLateness.Due(burstAt.plusSeconds(5), 75_000),
                new FaultLateness.Due(T0.plusSeconds(50), 100_000)); // due outside every window: not judged
        List<FaultLateness.Judged> judged = FaultLateness.judge(faults, dues, PUNCTUATION);

        // then the kill holds the bound (10 050 ms) and the burst exceeds its own (60 050 ms)
        assertThat(judged.get(0).lateness()).containsExactly(9_000L, 9_800L);
        assertThat(judged.get(0).holds()).isTrue();
        assertThat(judged.get(1).holds()).isFalse();
        List<String> lines = FaultLateness.lines(judged, PUNCTUATION);
        assertThat(lines.get(0)).contains("recovery 10000 ms", "2 warnings/breaches due", "max 9800 ms", "= 10050 ms: holds");
        assertThat(lines.get(1)).contains("(BURST)", "recovery 60000 ms", "exceeded by 14950 ms");
        assertThat(lines).anyMatch(l -> l.startsWith("lateness by fault kind KILL_PROCESSOR: 1 faults") && l.endsWith("held in 1 of 1"));
        assertThat(lines).anyMatch(l -> l.startsWith("lateness by fault kind BURST") && l.endsWith("held in 0 of 1"));
    }

    @Test
    void shouldSayWhenARecoveryWasNotMeasured() {
        Recovery never = new Recovery(T0.toEpochMilli(), Set.of(P0), false, 0);
        never.sample(T0.toEpochMilli() + 500, Map.of(P0, 3L), Map.of(P0, 100L), 3);
        never.sample(T0.toEpochMilli() + Recovery.GIVE_UP_MS + 1, Map.of(P0, 3L), Map.of(P0, 100L), 3);
        List<FaultLateness.Judged> judged = FaultLateness.judge(List.of(new FaultSchedule.Injected("t+0s SIGSTOP proc-1",
                Profile.Kind.FREEZE_PROCESSOR, T0, T0.plusSeconds(15), never)), List.of(), PUNCTUATION);
        assertThat(FaultLateness.lines(judged, PUNCTUATION).get(0)).contains("not measured", "not judged");
    }
}
