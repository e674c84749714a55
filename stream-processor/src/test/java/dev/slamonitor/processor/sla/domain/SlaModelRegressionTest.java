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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The disagreements the property test against the reference model found in the engine, each as a
 * plain example (docs/sla-engine.md, "Disagreements found and how each was settled").
 */
class SlaModelRegressionTest {

    private static final Instant MONDAY_9 = Instant.parse("2026-11-23T09:00:00Z");
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));

    private record Tracked(Ticket ticket, SlaState sla) {

        Tracked then(TicketEvent e) {
            ApplyResult applied = TicketEventApplier.apply(ticket, e);
            SlaPolicy policy = SlaPolicyChannel.defaultPolicy();
            return new Tracked(applied.ticket(),
                    SlaEngine.onEvent(sla, ticket, applied.ticket(), e, policy, RETENTION, e.occurredAt()).state());
        }
    }

    private static Instant at(int minutes) {
        return MONDAY_9.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void shouldKeepTheManagementNoticeTimeUsedAcrossEveryReopen() {
        // given a high ticket (management notice 4h of business hours, UTC customer) resolved after 1h,
        // reopened into pending, solved again and reopened
        Tracked t = new Tracked(null, null).then(opened("R-1", Severity.HIGH, MONDAY_9))
                .then(event(EventType.RESOLVED, "R-1", at(60)).rootCause("billing").build())
                .then(event(EventType.STATUS_CHANGED, "R-1", at(120)).status(TicketStatus.PENDING_CUSTOMER).build())
                .then(event(EventType.STATUS_CHANGED, "R-1", at(180)).status(TicketStatus.SOLVED).build())
                .then(simple(EventType.REOPENED, "R-1", at(240)));

        // then the notice continues with the hour used before the first resolution: due 3h after 13:00
        SlaClock notice = t.sla().clocks().get(ClockKind.MANAGEMENT_NOTICE);
        assertThat(notice.state()).isEqualTo(ClockState.RUNNING);
        assertThat(notice.consumedMillis()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(notice.deadline()).isEqualTo(at(240 + 180));
    }

    @Test
    void shouldCountOverlappingRangesOnceAfterADstGapMovesABoundary() {
        // given ranges 00:00-02:30 and 03:00-20:00 every day in Berlin: on 2026-03-29 02:30 does not exist
        // and becomes 03:30 (java.time), so the two ranges overlap from 03:00 to 03:30
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        BusinessCalendar cal = new PolicyReader().read(CalendarFeaturesTest.policyWith("""
                {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{"SUNDAY":["00:00-02:30","03:00-20:00"]}}
                """).getBytes(StandardCharsets.UTF_8)).value().calendarFor(Severity.HIGH).resolve(null);
        LocalDate day = LocalDate.parse("2026-03-29");
        Instant start = day.atStartOfDay(berlin).toInstant();

        // then the day has 19 business hours (00:00 to 20:00 local on a 23-hour day), not 19.5
        assertThat(cal.businessMillisBetween(start, day.plusDays(1).atStartOfDay(berlin).toInstant()))
                .isEqualTo(Duration.ofHours(19).toMillis());
        // and adding 19h from midnight ends at 20:00 local, not half an hour early
        assertThat(cal.addBusinessTime(start, Duration.ofHours(19).toMillis()))
                .isEqualTo(LocalDateTime.parse("2026-03-29T20:00").atZone(berlin).toInstant());
    }
}
