package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.processor.kernel.InputWatermark;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timers and the input watermark on TopologyTestDriver: the test plays an application whose input is
 * behind by holding the watermark back, then lets it catch up. T0 is a Monday 09:00 UTC; a high
 * ticket's first response is due after 30 business minutes, its warning after 22.5.
 */
class SlaTimerHoldTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant DEADLINE = T0.plus(Duration.ofMinutes(30));

    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    private final InputWatermark input = watermark::get;
    private TopologyFixture fx;
    private final List<Alert> alerts = new ArrayList<>();

    @AfterEach
    void close() {
        fx.close();
    }

    private List<Alert> alerts() {
        alerts.addAll(fx.alerts.readValuesToList());
        return alerts;
    }

    private List<Alert> alerts(AlertType type) {
        return alerts().stream().filter(a -> a.type() == type && "first_response".equals(a.clock())).toList();
    }

    private double counter(String name) {
        return fx.metrics.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldNotBreachWhenAnAnswerBeforeTheDeadlineWasStillUnreadAtTheDeadline() {
        // given a high ticket, and an application whose input is confirmed only up to T0 + 1 min
        fx = new TopologyFixture(Map.of("sla.timer.hold.max", "1h"), T0, input);
        fx.send(opened("T-1", Severity.HIGH, T0));
        watermark.set(T0.plus(Duration.ofMinutes(1)).toEpochMilli());

        // when the deadline passes while the input is behind
        fx.advanceTo(DEADLINE.plus(Duration.ofMinutes(3)));

        // then nothing fires yet: neither the warning nor the breach
        assertThat(alerts(AlertType.WARNING)).isEmpty();
        assertThat(alerts(AlertType.BREACH)).isEmpty();

        // when the reply that was in Kafka all along (answered at T0 + 20 min) is applied and the input catches up
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", T0.plus(Duration.ofMinutes(20))));
        watermark.set(DEADLINE.plus(Duration.ofMinutes(3)).toEpochMilli());
        fx.advanceTo(DEADLINE.plus(Duration.ofMinutes(6)));

        // then no false page: the clock was satisfied in time
        assertThat(alerts(AlertType.BREACH)).isEmpty();
        assertThat(alerts(AlertType.RENOTIFY)).isEmpty();
        assertThat(alerts(AlertType.WARNING)).isEmpty();
        assertThat(counter("slamon.timers.forced")).isZero();
    }

    @Test
    void shouldFireOnceTheWatermarkPassesTheDeadlineWhenNoAnswerCame() {
        // given a ticket nobody answers, and an input that catches up 2 minutes after the deadline
        fx = new TopologyFixture(Map.of("sla.timer.hold.max", "1h"), T0, input);
        fx.send(opened("T-2", Severity.HIGH, T0));
        watermark.set(T0.toEpochMilli());
        fx.advanceTo(DEADLINE.plus(Duration.ofMinutes(2)));
        assertThat(alerts(AlertType.BREACH)).isEmpty();

        // when the watermark passes the deadline
        watermark.set(DEADLINE.plus(Duration.ofMinutes(2)).toEpochMilli());
        fx.advance(Duration.ofSeconds(1), Duration.ofSeconds(1));

        // then exactly one breach fires, marked late (it was due 2 minutes ago), and the warning
        // whose breach was already due is counted as superseded, not sent
        assertThat(alerts(AlertType.BREACH)).hasSize(1);
        Alert breach = alerts(AlertType.BREACH).get(0);
        assertThat(breach.details()).containsEntry("late", true).containsEntry("dueAt", DEADLINE.toString())
                .containsEntry("warningSuperseded", true);
        assertThat(alerts(AlertType.WARNING)).isEmpty();
        assertThat(counter("slamon.warnings.superseded")).isEqualTo(1.0);
        assertThat(counter("slamon.timers.forced")).isZero();
    }

    @Test
    void shouldFireMarkedLateOnceTheHoldRunsOutWhileTheInputStaysUnconfirmed() {
        // given a watermark that never moves (brokers unreachable for the lag probe) and a 2-minute hold
        fx = new TopologyFixture(Map.of("sla.timer.hold.max", "2m"), T0, input);
        fx.send(opened("T-3", Severity.HIGH, T0));

        // when the deadline passes and the hold runs out
        fx.advanceTo(DEADLINE.plus(Duration.ofSeconds(90)));
        assertThat(alerts(AlertType.BREACH)).isEmpty();
        fx.advanceTo(DEADLINE.plus(Duration.ofMinutes(3)));

        // then the breach fires anyway, marked late, and the forced firing is counted
        assertThat(alerts(AlertType.BREACH)).hasSize(1);
        assertThat(alerts(AlertType.BREACH).get(0).details()).containsEntry("late", true);
        assertThat(counter("slamon.timers.forced")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void shouldKeepHoldingPastTheHoldWhileTheWatermarkAdvancesThroughABacklog() {
        // given a 2-minute hold, and an application working through a backlog: its watermark advances
        // by 30 s every wall-clock minute, so it reaches the deadline long after deadline + 2 min
        fx = new TopologyFixture(Map.of("sla.timer.hold.max", "2m"), T0, input);
        fx.send(opened("T-5", Severity.HIGH, T0));
        for (int minute = 1; minute <= 50; minute++) {
            watermark.set(T0.plus(Duration.ofSeconds(30L * minute)).toEpochMilli());
            fx.advanceTo(T0.plus(Duration.ofMinutes(minute)));
        }

        // then at deadline + 20 min the breach has not fired: the backlog (watermark at T0 + 25 min) is still
        // being applied; the warning (22.5 min) fired once the watermark confirmed it, marked late
        assertThat(alerts(AlertType.BREACH)).isEmpty();
        assertThat(alerts(AlertType.WARNING)).singleElement().satisfies(w -> assertThat(w.details()).containsEntry("late", true));

        // when the backlog's reply (answered at T0 + 24 min, before the deadline) is applied and the watermark passes the deadline
        fx.send(simple(EventType.AGENT_REPLIED, "T-5", T0.plus(Duration.ofMinutes(24))));
        for (int minute = 51; minute <= 70; minute++) {
            watermark.set(T0.plus(Duration.ofSeconds(30L * minute)).toEpochMilli());
            fx.advanceTo(T0.plus(Duration.ofMinutes(minute)));
        }

        // then no false page: the clock was satisfied before its deadline
        assertThat(alerts(AlertType.BREACH)).isEmpty();
        assertThat(alerts(AlertType.RENOTIFY)).isEmpty();
        assertThat(counter("slamon.timers.forced")).isZero();
    }

    @Test
    void shouldSendAWarningLateAndMarkedWhenItsBreachIsStillAhead() {
        // given a caught-up input, and a processor that was not punctuating from T0 + 1 min to T0 + 25 min
        fx = new TopologyFixture(Map.of(), T0, InputWatermark.CAUGHT_UP);
        fx.send(opened("T-4", Severity.HIGH, T0));
        fx.advanceTo(T0.plus(Duration.ofMinutes(1)));

        // when one punctuation runs at T0 + 25 min (warning due at 22.5, breach at 30)
        fx.advance(Duration.ofMinutes(24), Duration.ofMinutes(24));

        // then the warning is still sent, marked late by 2.5 minutes; the breach is not due yet
        assertThat(alerts(AlertType.WARNING)).hasSize(1);
        Map<String, Object> details = alerts(AlertType.WARNING).get(0).details();
        assertThat(details).containsEntry("late", true);
        assertThat(((Number) details.get("lateByMs")).longValue()).isEqualTo(Duration.ofSeconds(150).toMillis());
        assertThat(alerts(AlertType.BREACH)).isEmpty();
        assertThat(counter("slamon.alerts.late")).isEqualTo(1.0);
    }

    @Test
    void shouldNotMarkAnAlertSentOnTime() {
        // given a caught-up input punctuating every second
        fx = new TopologyFixture(Map.of(), T0, InputWatermark.CAUGHT_UP);
        fx.send(opened("T-5", Severity.HIGH, T0));
        fx.advanceTo(T0.plus(Duration.ofMinutes(22)));

        // when the warning point passes
        fx.advance(Duration.ofMinutes(1), Duration.ofSeconds(1));

        // then the warning carries no late mark
        assertThat(alerts(AlertType.WARNING)).hasSize(1);
        assertThat(alerts(AlertType.WARNING).get(0).details()).doesNotContainKey("late");
    }
}
