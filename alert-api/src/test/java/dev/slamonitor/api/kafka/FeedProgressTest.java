package dev.slamonitor.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.api.kafka.FeedProgress.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedProgressTest {

    private static final long S = 1_000_000_000L;
    private final FeedProgress progress = new FeedProgress("ticket-view", List.of("ticket-sla-state"),
            Duration.ofSeconds(10), Duration.ofSeconds(30), 0);

    @Test
    void shouldBeDisconnectedUntilKafkaAnswersAndLoadingUntilCaughtUp() {
        assertThat(progress.state(S)).isEqualTo(State.DISCONNECTED);
        progress.answered(500, S);
        assertThat(progress.state(2 * S)).isEqualTo(State.LOADING);
        assertThat(progress.check(2 * S).up()).isFalse();
        assertThat(progress.check(2 * S).reason()).contains("500 records to go");
        progress.caughtUp();
        progress.answered(0, 3 * S);
        assertThat(progress.state(4 * S)).isEqualTo(State.UP);
        assertThat(progress.check(4 * S).toJson().getString("status")).isEqualTo("UP");
    }

    @Test
    void shouldGoDownWhenKafkaStopsAnswering() {
        // given a caught-up feed whose last answer came at 1 s
        progress.caughtUp();
        progress.answered(0, S);
        // when Kafka has not answered for longer than staleAfter (10 s)
        progress.unanswered("end offsets: Timeout");
        // then it is DISCONNECTED, naming the error
        assertThat(progress.state(5 * S)).isEqualTo(State.UP);
        assertThat(progress.state(12 * S)).isEqualTo(State.DISCONNECTED);
        assertThat(progress.check(12 * S).reason()).contains("Timeout");
    }

    @Test
    void shouldBeStalledWhenBehindWithoutProgress() {
        progress.caughtUp();
        progress.position(100, S);
        progress.answered(40, 35 * S);
        assertThat(progress.state(35 * S)).isEqualTo(State.STALLED);
        // progress clears it
        progress.position(140, 36 * S);
        progress.answered(0, 36 * S);
        assertThat(progress.state(36 * S)).isEqualTo(State.UP);
    }

    @Test
    void shouldBeStalledWhenTheViewHangsOnABatch() {
        // given a caught-up feed without lag whose view started applying a batch at 2 s
        progress.caughtUp();
        progress.answered(0, S);
        progress.applying(2 * S);
        // then it is UP within stall.after (30 s) and STALLED after it
        progress.answered(0, 15 * S);
        assertThat(progress.state(20 * S)).isEqualTo(State.UP);
        progress.answered(0, 25 * S);
        assertThat(progress.state(33 * S)).isEqualTo(State.STALLED);
        assertThat(progress.check(33 * S).reason()).contains("applying one batch");
        // and UP again once the batch is applied
        progress.applied();
        assertThat(progress.state(33 * S)).isEqualTo(State.UP);
    }

    @Test
    void shouldStayStoppedAfterAnError() {
        progress.caughtUp();
        progress.answered(0, S);
        progress.stopped("java.lang.IllegalStateException: boom");
        assertThat(progress.state(S)).isEqualTo(State.STOPPED);
        assertThat(progress.isStopped()).isTrue();
        assertThat(progress.check(S).reason()).contains("boom");
    }
}
