package dev.slamonitor.processor.sla.domain;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.state.ClockView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cycle history of the SLA clocks through the pure {@link SlaEngine}: a met clock has a stop time, a
 * breached clock of a finished ticket stops counting at the finish, every completed cycle is kept
 * with its start, stop, paused time, business time and goal, and each clock change is an event
 * (activate, pause, resume, fulfil, stop, breach, breach_end).
 */
class SlaCycleHistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));
    private static final SlaPolicy POLICY = SlaPolicyChannel.defaultPolicy();
    private static final long MINUTE = 60_000L;

    private record Tracked(Ticket ticket, SlaState sla) {

        Tracked then(TicketEvent e) {
            ApplyResult applied = TicketEventApplier.apply(ticket, e);
            SlaEngine.Outcome o = SlaEngine.onEvent(sla, ticket, applied.ticket(), e, POLICY, RETENTION, e.occurredAt());
            return new Tracked(applied.ticket(), o.state());
        }

        Tracked timer(Instant now) {
            return new Tracked(ticket, SlaEngine.onTimer(sla, ticket, POLICY, RETENTION, now).state());
        }

        SlaClock clock(ClockKind kind) {
            return sla.clocks().get(kind);
        }

        List<ClockCycle> cycles(String clock) {
            return sla.history().cycles().stream().filter(c -> c.clock().equals(clock)).toList();
        }

        List<String> events(String clock) {
            return sla.history().events().stream().filter(e -> e.clock().equals(clock))
                    .map(e -> e.type() + "@" + e.at()).toList();
        }
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void shouldGiveAMetClockAStopTimeAndACompletedCycle() {
        // given a critical ticket (24/7, first response 15m) answered after 5 minutes
        Tracked t = new Tracked(null, null).then(opened("H-1", Severity.CRITICAL, T0))
                .then(simple(EventType.AGENT_REPLIED, "H-1", at(5)));

        // then the clock is met with a stop time, and its cycle is complete
        assertThat(t.clock(ClockKind.FIRST_RESPONSE).state()).isEqualTo(ClockState.SATISFIED);
        assertThat(t.clock(ClockKind.FIRST_RESPONSE).stoppedAt()).isEqualTo(at(5));
        assertThat(t.cycles("first_response")).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(ClockCycle.MET);
            assertThat(c.startedAt()).isEqualTo(T0);
            assertThat(c.stoppedAt()).isEqualTo(at(5));
            assertThat(c.elapsedBusinessMillis()).isEqualTo(5 * MINUTE);
            assertThat(c.goalMillis()).isEqualTo(15 * MINUTE);
            assertThat(c.breachedAt()).isNull();
        });
        assertThat(t.events("first_response")).containsExactly("activate@" + T0, "fulfil@" + at(5));
        ClockView view = SlaViews.clocks(t.sla(), t.ticket(), POLICY, at(6)).get(0);
        assertThat(view.stoppedAt()).isEqualTo(at(5));
        assertThat(view.cycle()).isEqualTo(1);
    }

    @Test
    void shouldStopCountingABreachedClockWhenTheTicketIsFinished() {
        // given a critical ticket whose first response breached at 15 minutes
        Tracked t = new Tracked(null, null).then(opened("H-2", Severity.CRITICAL, T0)).timer(at(20));
        assertThat(t.clock(ClockKind.FIRST_RESPONSE).state()).isEqualTo(ClockState.BREACHED);
        assertThat(t.clock(ClockKind.FIRST_RESPONSE).stoppedAt()).isNull();

        // when the ticket is resolved an hour after opening
        t = t.then(event(EventType.RESOLVED, "H-2", at(60)).rootCause("billing").build());

        // then the breached clock stops counting at the resolution: 60 minutes used against a 15 minute goal
        SlaClock c = t.clock(ClockKind.FIRST_RESPONSE);
        assertThat(c.state()).isEqualTo(ClockState.BREACHED);
        assertThat(c.stoppedAt()).isEqualTo(at(60));
        assertThat(t.cycles("first_response")).singleElement().satisfies(cycle -> {
            assertThat(cycle.outcome()).isEqualTo(ClockCycle.BREACHED);
            assertThat(cycle.breachedAt()).isEqualTo(at(15));
            assertThat(cycle.stoppedAt()).isEqualTo(at(60));
            assertThat(cycle.elapsedBusinessMillis()).isEqualTo(60 * MINUTE);
        });
        assertThat(t.events("first_response")).containsExactly("activate@" + T0, "breach@" + at(15), "breach_end@" + at(60));
        // and a later look changes nothing (the live view no longer runs on)
        Tracked later = t.timer(at(600));
        assertThat(later.clock(ClockKind.FIRST_RESPONSE)).isEqualTo(c);
    }

    @Test
    void shouldStopABreachedFirstResponseAtTheLateReply() {
        // given a breached first response, answered late
        Tracked t = new Tracked(null, null).then(opened("H-3", Severity.CRITICAL, T0)).timer(at(16))
                .then(simple(EventType.AGENT_REPLIED, "H-3", at(40)));

        // then its breached cycle ends at the reply
        assertThat(t.clock(ClockKind.FIRST_RESPONSE).stoppedAt()).isEqualTo(at(40));
        assertThat(t.cycles("first_response")).extracting(ClockCycle::outcome).containsExactly(ClockCycle.BREACHED);
    }

    @Test
    void shouldKeepEveryCycleOfARestartedClockWithItsPausedTime() {
        // given a critical ticket: a reply starts the update cadence (2h), a 30 minute pause, a second reply
        Tracked t = new Tracked(null, null).then(opened("H-4", Severity.CRITICAL, T0))
                .then(simple(EventType.AGENT_REPLIED, "H-4", at(10)))
                .then(event(EventType.STATUS_CHANGED, "H-4", at(20)).status(TicketStatus.PENDING_CUSTOMER).build())
                .then(event(EventType.STATUS_CHANGED, "H-4", at(50)).status(TicketStatus.OPEN).build())
                .then(simple(EventType.AGENT_REPLIED, "H-4", at(70)));

        // then the first cadence cycle is complete: met by the second reply, 30 minutes paused, 30 minutes used
        assertThat(t.cycles("customer_update")).singleElement().satisfies(c -> {
            assertThat(c.cycle()).isEqualTo(1);
            assertThat(c.outcome()).isEqualTo(ClockCycle.MET);
            assertThat(c.startedAt()).isEqualTo(at(10));
            assertThat(c.stoppedAt()).isEqualTo(at(70));
            assertThat(c.pausedMillis()).isEqualTo(30 * MINUTE);
            assertThat(c.elapsedBusinessMillis()).isEqualTo(30 * MINUTE);
            assertThat(c.goalMillis()).isEqualTo(120 * MINUTE);
        });
        assertThat(t.clock(ClockKind.CUSTOMER_UPDATE).cycle()).isEqualTo(2);
        assertThat(t.events("customer_update")).containsExactly("activate@" + at(10), "pause@" + at(20),
                "resume@" + at(50), "fulfil@" + at(70), "activate@" + at(70));
        // and the no-update clock (restarted by each reply) shows its cycles and the same pause
        assertThat(t.events("no_update")).containsExactly("activate@" + T0, "fulfil@" + at(10), "activate@" + at(10),
                "pause@" + at(20), "resume@" + at(50), "fulfil@" + at(70), "activate@" + at(70));
    }

    @Test
    void shouldBoundTheHistoryOfATicketThatReopensForever() {
        // given a ticket resolved and reopened many times
        Tracked t = new Tracked(null, null).then(opened("H-5", Severity.CRITICAL, T0));
        for (int i = 1; i <= 60; i++) {
            t = t.then(event(EventType.RESOLVED, "H-5", at(2 * i)).rootCause("billing").build())
                    .then(simple(EventType.REOPENED, "H-5", at(2 * i + 1)));
        }

        // then only the newest cycles and events are kept
        assertThat(t.sla().history().cycles()).hasSize(SlaHistory.MAX_CYCLES);
        assertThat(t.sla().history().events()).hasSize(SlaHistory.MAX_EVENTS);
        assertThat(t.sla().history().cycles().get(SlaHistory.MAX_CYCLES - 1).stoppedAt()).isEqualTo(at(120));
    }
}
