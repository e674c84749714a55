package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.SlaEventView;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot on {@code ticket-sla-state} carries each clock's cycle history and the clock events
 * (the per-ticket export of SLA events), also after a timer fired with no event.
 */
class SlaHistorySnapshotTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final TopologyFixture fx = new TopologyFixture(T0);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldPublishTheBreachAndItsEndWithTheCompletedCycle() {
        // given a critical ticket (first response 15m, 24/7) that nobody answers
        fx.send(opened("H-1", Severity.CRITICAL, T0));
        fx.advanceTo(T0.plus(Duration.ofMinutes(16)));

        // when it is resolved at 40 minutes
        fx.send(event(EventType.RESOLVED, "H-1", T0.plus(Duration.ofMinutes(40))).rootCause("billing").build());

        // then the last snapshot shows the stopped breach, the completed cycle and the events
        List<TicketSnapshot> snapshots = fx.state.readValuesToList();
        TicketSnapshot last = snapshots.get(snapshots.size() - 1);
        ClockView fr = last.clocks().stream().filter(c -> c.name().equals("first_response")).findFirst().orElseThrow();
        assertThat(fr.state()).isEqualTo("BREACHED");
        assertThat(fr.stoppedAt()).isEqualTo(T0.plus(Duration.ofMinutes(40)));
        assertThat(last.completedCycles()).filteredOn(c -> c.clock().equals("first_response")).singleElement()
                .satisfies(c -> {
                    assertThat(c.breached()).isTrue();
                    assertThat(c.elapsedBusinessMillis()).isEqualTo(Duration.ofMinutes(40).toMillis());
                });
        assertThat(last.slaEvents()).filteredOn(e -> e.clock().equals("first_response")).extracting(SlaEventView::type)
                .containsExactly("activate", "breach", "breach_end");
        // and the snapshot published by the timer alone already had the breach event
        assertThat(snapshots.get(snapshots.size() - 2).slaEvents()).extracting(SlaEventView::type).contains("breach");
    }
}
