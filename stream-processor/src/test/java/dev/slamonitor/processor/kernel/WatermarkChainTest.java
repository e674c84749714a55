package dev.slamonitor.processor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The input watermark's arithmetic: per-partition catch-up, the minimum over partitions, and the chain through a repartition stage. */
class WatermarkChainTest {

    private static final TopicPartition IN0 = new TopicPartition("events", 0);
    private static final TopicPartition IN1 = new TopicPartition("events", 1);
    private static final TopicPartition REP0 = new TopicPartition("events-by-ticket-repartition", 0);

    private final WatermarkChain chain = new WatermarkChain(2, 120_000);

    @Test
    void shouldBeTheLatestSampleTimeWhoseEndOffsetsTheCommittedOffsetsReached() {
        // given end offsets sampled at 1000 and 2000, and committed offsets that reach only the first
        WatermarkChain single = new WatermarkChain(1, 120_000);
        single.record(0, 1_000, Map.of(IN0, 5L), Map.of(IN0, 3L), 1_010);
        long behind = single.record(0, 2_000, Map.of(IN0, 8L), Map.of(IN0, 5L), 2_010);

        // when the committed offset reaches the second sample's end
        long caughtUp = single.record(0, 3_000, Map.of(IN0, 8L), Map.of(IN0, 8L), 3_010);

        // then the watermark was the first sample's time, then the newest
        assertThat(behind).isEqualTo(1_000);
        assertThat(caughtUp).isEqualTo(3_000);
    }

    @Test
    void shouldWaitForTheSlowestPartition() {
        // given one partition caught up and one that never was
        WatermarkChain single = new WatermarkChain(1, 120_000);
        long watermark = single.record(0, 1_000, Map.of(IN0, 5L, IN1, 9L), Map.of(IN0, 5L, IN1, 2L), 1_010);

        // then nothing is confirmed
        assertThat(watermark).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldTreatAnEmptyPartitionWithoutCommittedOffsetAsCaughtUp() {
        WatermarkChain single = new WatermarkChain(1, 120_000);
        assertThat(single.record(0, 1_000, Map.of(IN0, 0L), Map.of(), 1_010)).isEqualTo(1_000);
    }

    @Test
    void shouldPassOnTheUpstreamWatermarkOnlyOnceTheRepartitionTopicIsCaughtUpAfterItWasConfirmed() {
        // given cycle 1: the input is caught up (confirmed at 1010), the repartition topic is not yet
        chain.record(0, 1_000, Map.of(IN0, 4L), Map.of(IN0, 4L), 1_010);
        long cycle1 = chain.record(1, 1_020, Map.of(REP0, 4L), Map.of(REP0, 3L), 1_030);

        // when cycle 2 finds the repartition topic caught up with end offsets sampled after 1010
        chain.record(0, 2_000, Map.of(IN0, 6L), Map.of(IN0, 4L), 2_010);
        long cycle2 = chain.record(1, 2_020, Map.of(REP0, 4L), Map.of(REP0, 4L), 2_030);

        // then the pipeline watermark is the input's confirmed instant of cycle 1 (cycle 2's input lags)
        assertThat(cycle1).isEqualTo(Long.MIN_VALUE);
        assertThat(cycle2).isEqualTo(1_000);
    }

    @Test
    void shouldNotPassOnAnUpstreamWatermarkConfirmedAfterTheRepartitionSample() {
        // given the input confirmed at 1010 but the repartition end offsets sampled at 1005 (before it)
        chain.record(0, 1_000, Map.of(IN0, 4L), Map.of(IN0, 4L), 1_010);
        long watermark = chain.record(1, 1_005, Map.of(REP0, 4L), Map.of(REP0, 4L), 1_030);

        // then the repartitioned copies written just before 1010 might be missing: nothing is confirmed
        assertThat(watermark).isEqualTo(Long.MIN_VALUE);
    }
}
