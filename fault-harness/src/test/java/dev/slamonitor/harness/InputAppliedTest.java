package dev.slamonitor.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InputAppliedTest {

    private static final TopicPartition IN0 = new TopicPartition("ticket-events", 0);
    private static final TopicPartition IN1 = new TopicPartition("ticket-events", 1);
    private static final TopicPartition REP = new TopicPartition("app-ingest-repartition", 0);

    @Test
    void shouldRestoreAnAlertOnlyOnceTheInputAtItsDeadlineAndThenItsRepartitionedCopyWereApplied() {
        // given an input stage of two partitions and a repartition stage
        InputApplied applied = new InputApplied(List.of(List.of(IN0, IN1), List.of(REP)));

        // when, at 1 000, IN0 has 5 records nobody applied (its processor was killed) and IN1 is caught up,
        applied.record(900, Map.of(IN0, 5L, IN1, 3L, REP, 10L), Map.of(IN0, 0L, IN1, 3L, REP, 10L));
        applied.record(1_000, Map.of(IN0, 5L, IN1, 3L, REP, 10L), Map.of(IN0, 0L, IN1, 3L, REP, 10L));
        // more input arrives after the deadline (it must not be waited for),
        applied.record(4_000, Map.of(IN0, 9L, IN1, 3L, REP, 10L), Map.of(IN0, 0L, IN1, 3L, REP, 10L));
        // the survivor applies IN0 up to 5 and repartitions the copies (REP's end moves to 15),
        applied.record(8_000, Map.of(IN0, 9L, IN1, 3L, REP, 15L), Map.of(IN0, 5L, IN1, 3L, REP, 10L));
        applied.record(8_100, Map.of(IN0, 9L, IN1, 3L, REP, 15L), Map.of(IN0, 5L, IN1, 3L, REP, 12L));
        // and then the copies
        applied.record(8_200, Map.of(IN0, 9L, IN1, 3L, REP, 16L), Map.of(IN0, 9L, IN1, 3L, REP, 15L));

        // then an alert due at 1 000 was restored at 8 200 (its input at 8 000, the copies at 8 200)
        assertThat(applied.appliedAt(1_000)).isEqualTo(8_200);
        // an alert due at 950 waits for the first sample from then on (1 000), with the same answer
        assertThat(applied.appliedAt(950)).isEqualTo(8_200);
        // an alert due before the first sample is judged from it (IN0 was already pending at 900)
        assertThat(applied.appliedAt(100)).isEqualTo(8_200);
        // and one due after the last sample is not measured
        assertThat(applied.appliedAt(9_000)).isEqualTo(-1);
    }

    @Test
    void shouldFindTheTimerPartitionAsKafkasDefaultPartitionerDoes() {
        List<TopicPartition> repartition = java.util.stream.IntStream.range(0, 6)
                .mapToObj(p -> new TopicPartition("app-events-by-ticket-repartition", p)).toList();
        InputApplied applied = new InputApplied(List.of(List.of(IN0), repartition));
        for (int i = 0; i < 1_000; i++) {
            String ticket = "H-42-" + i;
            assertThat(applied.timerPartition(ticket).partition()).isEqualTo(
                    org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(
                            ticket.getBytes(java.nio.charset.StandardCharsets.UTF_8), 6));
        }
    }

    @Test
    void shouldCountTheFailoverOfTheProcessorOwningTheTimerInTheAlertsRestore() {
        // given proc-0, owning REP, killed at T0 and back 9 s later
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        Recovery kill = new Recovery(t0.toEpochMilli(), java.util.Set.of(REP), false, 0);
        kill.sample(t0.toEpochMilli() + 500, Map.of(REP, 2L), Map.of(REP, 10L), 2);
        kill.sample(t0.toEpochMilli() + 9_000, Map.of(REP, 0L), Map.of(REP, 12L), 0);
        List<FaultSchedule.Injected> faults = List.of(new FaultSchedule.Injected("t+0s kill -9 proc-0",
                Profile.Kind.KILL_PROCESSOR, t0, t0.plusSeconds(3), kill));

        // then a timer on REP due 50 ms after the kill waited 8 950 ms for it, one due 0.5 s before (its
        // transaction aborted) 9 500 ms, one seen before the kill nothing, one on another partition nothing
        assertThat(FaultLateness.timerRestoreMs(faults, t0.plusMillis(50), t0.plusSeconds(10), REP)).isEqualTo(8_950);
        assertThat(FaultLateness.timerRestoreMs(faults, t0.minusMillis(500), t0.plusSeconds(10), REP)).isEqualTo(9_500);
        assertThat(FaultLateness.timerRestoreMs(faults, t0.minusMillis(500), t0.minusMillis(300), REP)).isEqualTo(-1);
        assertThat(FaultLateness.timerRestoreMs(faults, t0.plusMillis(50), t0.plusSeconds(10), IN0)).isEqualTo(-1);
        // and one due before the uncommitted margin, or after the recovery, nothing
        assertThat(FaultLateness.timerRestoreMs(faults, t0.minusSeconds(2), t0.plusSeconds(10), REP)).isEqualTo(-1);
        assertThat(FaultLateness.timerRestoreMs(faults, t0.plusSeconds(9), t0.plusSeconds(10), REP)).isEqualTo(-1);
    }

    @Test
    void shouldRestoreAtOnceWhenNothingWasPending() {
        InputApplied applied = new InputApplied(List.of(List.of(IN0), List.of(REP)));
        applied.record(1_000, Map.of(IN0, 5L, REP, 7L), Map.of(IN0, 5L, REP, 7L));
        assertThat(applied.appliedAt(1_000)).isEqualTo(1_000);
        // a partition never committed counts as at offset 0
        applied.record(1_100, Map.of(IN0, 5L, REP, 7L), Map.of());
        assertThat(applied.appliedAt(1_050)).isEqualTo(-1);
    }

    @Test
    void shouldJudgeEachAlertAgainstItsOwnRestoreDuringFaultsAndOutside() {
        // given one fault from 0 s to 5 s (window to 20 s) and a timer cycle of 100 + 50 + 100 ms
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        List<FaultSchedule.Injected> faults = List.of(new FaultSchedule.Injected("t+0s kill -9 proc-0",
                Profile.Kind.KILL_PROCESSOR, t0, t0.plusSeconds(5), new Recovery(t0.toEpochMilli(), null, false, 0)));
        FaultLateness.TimerCycle cycle = new FaultLateness.TimerCycle(Duration.ofMillis(100), Duration.ofMillis(50),
                Duration.ofMillis(100));

        // when two alerts due in the fault were seen 40 ms and 340 ms after their restore (raised 20 and 300 ms
        // after it), one was not measured, and one due an hour later was seen 90 ms after its restore
        List<FaultLateness.Due> dues = List.of(new FaultLateness.Due("a", t0.plusSeconds(1), 8_040, 8_000, 8_020),
                new FaultLateness.Due("b", t0.plusSeconds(2), 7_340, 7_000, 7_300),
                new FaultLateness.Due("c", t0.plusSeconds(3), 9_000, -1, 8_990),
                new FaultLateness.Due("d", t0.plusSeconds(3_600), 90, 0, 60));
        List<String> lines = FaultLateness.byAlert(faults, dues, cycle);

        // then each line splits what came after the restore and counts the alerts against both bounds
        assertThat(lines.get(0)).contains("3 alerts due during a fault (1 not measured)", "restore p50 7000 ms",
                "raised p50 20 ms, p99 20 ms, max 300 ms", "seen p50 40 ms, p99 40 ms, max 340 ms",
                "punctuation 50 ms: 1 of 2", "= 250 ms): 1 of 2");
        assertThat(lines.get(1)).contains("1 alerts due outside faults (0 not measured)", "seen p50 90 ms",
                "punctuation 50 ms: 0 of 1", "= 250 ms): 1 of 1");
        assertThat(lines.get(2)).startsWith("latest after their restore, due during a fault: [b due ")
                .contains("restore 7000 ms, fired +300 ms, seen +340 ms");
    }
}
