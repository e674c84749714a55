package dev.slamonitor.api.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.api.ApiTestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketViewTest {

    private static TicketQuery query(Set<TicketState> states, int limit, String after) {
        return new TicketQuery(states, Set.of(), Set.of(), Set.of(), Set.of(), limit, after);
    }

    @Test
    void shouldClassifyByDeadlineAgainstNowEvenBeforeTheBreachAlertArrives() {
        // given a clock whose deadline passed a minute ago, no alert yet
        TicketView view = new TicketView(100);
        view.applySnapshot("T-1", ApiTestData.snapshot("T-1", "high", "L1", "payments",
                List.of(ApiTestData.running("resolution", Duration.ofMinutes(-10), Duration.ofMinutes(-1)))));
        // when / then
        assertThat(view.statesOf(view.ticket("T-1").orElseThrow(), Instant.now())).containsExactly(TicketState.BREACHED);
    }

    @Test
    void shouldTreatAWarningAlertOnALiveClockAsAtRisk() {
        TicketView view = new TicketView(100);
        view.applySnapshot("T-2", ApiTestData.snapshot("T-2", "high", "L1", "payments",
                List.of(ApiTestData.running("resolution", Duration.ofMinutes(30), Duration.ofHours(1)))));
        view.applyAlert(ApiTestData.alert(AlertType.WARNING, "T-2", "high", "L1", "payments"));
        assertThat(view.list(query(Set.of(TicketState.AT_RISK), 10, null), Instant.now()).items()).hasSize(1);
    }

    @Test
    void shouldRecogniseARepeatedAlertIdAndForgetATicketOnTombstone() {
        TicketView view = new TicketView(100);
        var alert = ApiTestData.alert(AlertType.BREACH, "T-3", "low", "L1", "payments");
        assertThat(view.applyAlert(alert)).isTrue();
        assertThat(view.applyAlert(alert)).isFalse();
        view.applySnapshot("T-3", ApiTestData.snapshot("T-3", "low", "L1", "payments", List.of()));
        // when
        view.applySnapshot("T-3", null);
        // then
        assertThat(view.ticket("T-3")).isEmpty();
        assertThat(view.alert(alert.alertId())).isEmpty();
    }

    @Test
    void shouldDropAForgottenTicketFromTheAtRiskAndBreachedGaugesOnTombstone() {
        // given a breached critical ticket counted by the gauges
        TicketView view = new TicketView(100);
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        ViewGauges gauges = new ViewGauges(registry);
        view.applySnapshot("T-9", ApiTestData.snapshot("T-9", "critical", "L2", "payments",
                List.of(ApiTestData.running("resolution", Duration.ofMinutes(-10), Duration.ofMinutes(-1)))));
        gauges.update(view.counts(Instant.now()));
        assertThat(registry.get("slamon.api.tickets.breached").tag("severity", "critical").tag("tier", "L2").gauge().value())
                .isEqualTo(1.0);

        // when the processor forgets the ticket (tombstone on the state topic)
        view.applySnapshot("T-9", null);
        gauges.update(view.counts(Instant.now()));

        // then it is gone from the view and the gauge series reads zero
        assertThat(view.ticket("T-9")).isEmpty();
        assertThat(view.ticketCount()).isZero();
        assertThat(registry.get("slamon.api.tickets.breached").tag("severity", "critical").tag("tier", "L2").gauge().value())
                .isZero();
    }

    @Test
    void shouldIgnoreATombstoneForATicketItNeverSaw() {
        TicketView view = new TicketView(100);
        view.applySnapshot("T-unknown", null);
        assertThat(view.ticketCount()).isZero();
        assertThat(view.counts(Instant.now())).isEmpty();
    }

    @Test
    void shouldPageInTicketIdOrderAndEndWithoutACursor() {
        TicketView view = new TicketView(100);
        for (String id : List.of("T-c", "T-a", "T-b")) {
            view.applySnapshot(id, ApiTestData.snapshot(id, "low", "L1", "payments", List.of()));
        }
        TicketPage first = view.list(query(Set.of(), 2, null), Instant.now());
        TicketPage second = view.list(query(Set.of(), 2, first.nextAfter()), Instant.now());
        assertThat(first.items()).extracting(e -> e.snapshot().ticketId()).containsExactly("T-a", "T-b");
        assertThat(second.items()).extracting(e -> e.snapshot().ticketId()).containsExactly("T-c");
        assertThat(second.nextAfter()).isNull();
    }

    @Test
    void shouldCountGaugesPerStateSeverityAndTier() {
        TicketView view = new TicketView(100);
        view.applySnapshot("T-1", ApiTestData.snapshot("T-1", "critical", "L2", "payments",
                List.of(ApiTestData.running("resolution", Duration.ofMinutes(-10), Duration.ofMinutes(-1)))));
        assertThat(view.counts(Instant.now()))
                .containsEntry(new TicketView.GaugeKey(TicketState.BREACHED, "critical", "L2"), 1)
                .containsEntry(new TicketView.GaugeKey(TicketState.ESCALATED, "critical", "L2"), 1);
    }
}
