package dev.slamonitor.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The readiness rules besides partition progress: cluster silence and restores, on fake clocks. */
class ReadinessRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final HealthSettings SETTINGS = new HealthSettings(3, Duration.ofMinutes(5), Duration.ofSeconds(3),
            Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void shouldNotBeReadyBeforeTheClusterFirstAnswered() {
        assertThat(ProcessorHealth.clusterSilence(Optional.empty(), T0, SETTINGS)).get().asString().contains("not answered yet");
    }

    @Test
    void shouldToleratePendingAnswersUpToTheClusterTimeoutPlusOneCheck() {
        assertThat(ProcessorHealth.clusterSilence(Optional.of(T0), T0.plusSeconds(6), SETTINGS)).isEmpty();
        assertThat(ProcessorHealth.clusterSilence(Optional.of(T0), T0.plusSeconds(7), SETTINGS)).get().asString()
                .contains("did not answer for 7 s");
    }

    @Test
    void shouldReportAStoreRestoringForLongerThanTheLimitUntilItEnds() {
        // given a restore that starts at T0
        RestoreCounter restores = new RestoreCounter(new SimpleMeterRegistry(), Clock.fixed(T0, ZoneOffset.UTC));
        TopicPartition changelog = new TopicPartition("app-sla-ticket-state-changelog", 2);
        restores.onRestoreStart(changelog, "sla-ticket-state", 0, 5_000);

        // then it is a reason only once it outlasts the limit
        assertThat(restores.restoringLongerThan(T0.plusSeconds(3), Duration.ofSeconds(3))).isEmpty();
        assertThat(restores.restoringLongerThan(T0.plusSeconds(4), Duration.ofSeconds(3))).singleElement().asString()
                .contains("sla-ticket-state", "for 4 s");

        // and no longer once it ended, or was suspended because the task moved away
        restores.onRestoreEnd(changelog, "sla-ticket-state", 5_000);
        assertThat(restores.restoringLongerThan(T0.plusSeconds(10), Duration.ofSeconds(3))).isEmpty();
        restores.onRestoreStart(changelog, "sla-ticket-state", 0, 5_000);
        restores.onRestoreSuspended(changelog, "sla-ticket-state", 10);
        assertThat(restores.restoringLongerThan(T0.plusSeconds(10), Duration.ofSeconds(3))).isEmpty();
    }
}
