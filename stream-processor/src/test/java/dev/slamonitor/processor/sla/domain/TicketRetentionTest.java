package dev.slamonitor.processor.sla.domain;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.processor.sla.SlaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retention rule of finished tickets, through the pure {@link SlaEngine}: the wake-up of a
 * terminal ticket with nothing pending is the end of its retention, any event or acknowledgement
 * restarts it, pending clocks and re-notifications come first, and only an untouched finished
 * ticket expires.
 */
class TicketRetentionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration KEEP = Duration.ofDays(30);
    private static final TicketRetention RETENTION = TicketRetention.of(KEEP);
    private static final SlaPolicy POLICY = SlaPolicyChannel.defaultPolicy();

    /** A ticket and its SLA state after a sequence of events, each applied at wall-clock = event time. */
    private record Tracked(Ticket ticket, SlaState sla) {

        Tracked then(TicketEvent e) {
            ApplyResult applied = TicketEventApplier.apply(ticket, e);
            assertThat(applied.isApplied()).as("applies %s", e.type()).isTrue();
            SlaEngine.Outcome outcome = SlaEngine.onEvent(sla, ticket, applied.ticket(), e, POLICY, RETENTION, e.occurredAt());
            return new Tracked(applied.ticket(), outcome.state());
        }

        Tracked timer(Instant now) {
            return new Tracked(ticket, SlaEngine.onTimer(sla, ticket, POLICY, RETENTION, now).state());
        }
    }

    private static Tracked openedAndResolved(String id, Instant resolvedAt) {
        return new Tracked(null, null).then(opened(id, Severity.CRITICAL, T0))
                .then(event(EventType.RESOLVED, id, resolvedAt).rootCause("billing").build());
    }

    @Test
    void shouldWakeAResolvedTicketWithNothingPendingWhenItsRetentionEnds() {
        // given a critical ticket resolved five minutes after it opened
        Instant resolvedAt = T0.plus(Duration.ofMinutes(5));

        // when the resolution is applied
        Tracked t = openedAndResolved("T-1", resolvedAt);

        // then it rests from the resolution on and wakes up when the retention ends, not before
        assertThat(t.sla().restingSince()).isEqualTo(resolvedAt);
        assertThat(t.sla().wakeAt()).isEqualTo(resolvedAt.plus(KEEP));
        assertThat(SlaEngine.isExpired(t.sla(), t.ticket(), RETENTION, resolvedAt.plus(KEEP).minusMillis(1))).isFalse();
        assertThat(SlaEngine.isExpired(t.sla(), t.ticket(), RETENTION, resolvedAt.plus(KEEP))).isTrue();
    }

    @Test
    void shouldNeverExpireAnOpenTicketAndKeepItsClockDeadlineAsWakeUp() {
        // given an open ticket: its clocks are pending
        Tracked t = new Tracked(null, null).then(opened("T-2", Severity.CRITICAL, T0));

        // then its wake-up is a clock deadline well before any retention, and it never expires
        assertThat(t.sla().restingSince()).isNull();
        assertThat(t.sla().wakeAt()).isBefore(T0.plus(Duration.ofDays(1)));
        assertThat(SlaEngine.isExpired(t.sla(), t.ticket(), RETENTION, T0.plus(Duration.ofDays(400)))).isFalse();
    }

    @Test
    void shouldCancelTheExpiryWhenTheTicketIsReopenedBeforeTheRetentionEnds() {
        // given a resolved ticket
        Tracked resolved = openedAndResolved("T-3", T0.plus(Duration.ofMinutes(5)));

        // when it is reopened ten days later
        Tracked reopened = resolved.then(simple(EventType.REOPENED, "T-3", T0.plus(Duration.ofDays(10))));

        // then it no longer rests: its wake-up is the restarted resolution clock, and it does not expire
        assertThat(reopened.sla().restingSince()).isNull();
        assertThat(reopened.sla().wakeAt()).isNotNull().isBefore(T0.plus(Duration.ofDays(11)));
        assertThat(SlaEngine.isExpired(reopened.sla(), reopened.ticket(), RETENTION, T0.plus(Duration.ofDays(60)))).isFalse();
    }

    @Test
    void shouldRestartTheRetentionOnAnyEventButNotOnATimer() {
        // given a ticket resolved at T0+5m
        Tracked resolved = openedAndResolved("T-4", T0.plus(Duration.ofMinutes(5)));
        Instant csatAt = T0.plus(Duration.ofDays(3));

        // when a CSAT score arrives three days later, then a (stale or late) timer step runs
        Tracked rated = resolved.then(event(EventType.CSAT_RECEIVED, "T-4", csatAt).score(5).build());
        Tracked timed = rated.timer(csatAt.plus(Duration.ofDays(1)));

        // then the retention counts from the CSAT event; the timer step keeps that instant
        assertThat(rated.sla().restingSince()).isEqualTo(csatAt);
        assertThat(rated.sla().wakeAt()).isEqualTo(csatAt.plus(KEEP));
        assertThat(timed.sla().restingSince()).isEqualTo(csatAt);
        assertThat(timed.sla().wakeAt()).isEqualTo(csatAt.plus(KEEP));
        assertThat(SlaEngine.isExpired(rated.sla(), rated.ticket(), RETENTION, T0.plus(KEEP).plus(Duration.ofHours(1)))).isFalse();
    }

    @Test
    void shouldLetAPendingClockOrReNotificationWinOverTheRetention() {
        // given a resolved ticket that still has something pending (e.g. a re-notification) in an hour
        Tracked resolved = openedAndResolved("T-5", T0.plus(Duration.ofMinutes(5)));
        Instant pending = T0.plus(Duration.ofHours(1));

        // when the wake-up is settled
        TicketRetention.Resting resting = RETENTION.settle(resolved.ticket(), pending, resolved.sla(), false,
                T0.plus(Duration.ofMinutes(30)));

        // then the pending instant is the wake-up and the ticket does not rest (so it cannot expire)
        assertThat(resting.wakeAt()).isEqualTo(pending);
        assertThat(resting.since()).isNull();
    }

    @Test
    void shouldRescheduleAStateStoredBeforeRetentionExistedOrUnderAnotherRetention() {
        // given a resolved ticket as stored before retention existed: no wake-up, no resting instant
        Tracked resolved = openedAndResolved("T-6", T0.plus(Duration.ofMinutes(5)));
        SlaState legacy = resolved.sla().withWake(null, null);

        // then the sweep must visit it, and a timer step gives it a wake-up at the end of the retention from now
        assertThat(RETENTION.isOutOfDate(resolved.ticket(), legacy)).isTrue();
        assertThat(RETENTION.isOutOfDate(resolved.ticket(), resolved.sla())).isFalse();
        assertThat(TicketRetention.of(Duration.ofDays(7)).isOutOfDate(resolved.ticket(), resolved.sla())).isTrue();
        Instant now = T0.plus(Duration.ofDays(2));
        SlaState scheduled = SlaEngine.onTimer(legacy, resolved.ticket(), POLICY, RETENTION, now).state();
        assertThat(scheduled.restingSince()).isEqualTo(now);
        assertThat(scheduled.wakeAt()).isEqualTo(now.plus(KEEP));
    }

    @Test
    void shouldRefuseARetentionThatIsNotPositiveAndNameTheKeyToFix() {
        assertThatThrownBy(() -> TicketRetention.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlaSettings.from(AppConfig.load(Map.of()).with(Map.of("sla.resolved.retention", "0s"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sla.resolved.retention")
                .hasMessageContaining("positive duration");
        assertThat(SlaSettings.from(AppConfig.load(Map.of())).retention().keepResolved()).isEqualTo(Duration.ofDays(30));
    }
}
