package dev.slamonitor.processor.sla.domain;

import static dev.slamonitor.processor.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an {@code immediate} target and a zero remaining time mean while the calendar is closed: due
 * at that moment, not at the next opening (docs/sla-engine.md, "Zero remaining time on a closed
 * calendar"); a positive target only counts business time.
 */
class SlaEngineClosedCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));
    /** Every severity on weekdays 09:00-17:00 Berlin; critical's management column is "immediate". */
    private static final SlaPolicy POLICY = new PolicyReader().read(CalendarFeaturesTest.policyWith("""
            {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{"MONDAY":["09:00-17:00"],"TUESDAY":["09:00-17:00"],
             "WEDNESDAY":["09:00-17:00"],"THURSDAY":["09:00-17:00"],"FRIDAY":["09:00-17:00"]}}
            """).getBytes(StandardCharsets.UTF_8)).value();

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    private static TicketEvent opened(String id, Severity severity, Instant at) {
        return event(EventType.TICKET_OPENED, id, at).severity(severity)
                .customer(new Customer("C-1", "business", false, "Europe/Berlin")).team("payments").tier(SupportTier.L1).build();
    }

    @Test
    void shouldNotifyManagementAtOnceForAnImmediateTargetOnAClosedCalendar() {
        // given a critical ticket opened on Saturday night, when the calendar is closed
        Instant saturdayNight = local("2026-11-28T22:00");
        TicketEvent open = opened("Z-1", Severity.CRITICAL, saturdayNight);
        Ticket ticket = TicketEventApplier.apply(null, open).ticket();

        // when the opening is processed
        SlaEngine.Outcome o = SlaEngine.onEvent(null, null, ticket, open, POLICY, RETENTION, saturdayNight);

        // then the immediate management notice is due and sent at that moment, not on Monday at 09:00
        assertThat(o.alerts()).filteredOn(a -> "management_notice".equals(a.clock())).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.ESCALATION);
            assertThat(a.deadline()).isEqualTo(saturdayNight);
            assertThat(a.firedAt()).isEqualTo(saturdayNight);
        });
        // while a positive target (first response 15m) waits for business time: Monday 09:15
        assertThat(o.state().clocks().get(ClockKind.FIRST_RESPONSE).deadline()).isEqualTo(local("2026-11-30T09:15"));
    }

    @Test
    void shouldBreachAtOnceWhenASeverityChangeOnAClosedCalendarLeavesNoTimeLeft() {
        // given a high ticket (L1 2h) opened Friday 16:00 that used one business hour before closing
        Instant friday = local("2026-11-27T16:00");
        TicketEvent open = opened("Z-2", Severity.HIGH, friday);
        Ticket opened = TicketEventApplier.apply(null, open).ticket();
        SlaState state = SlaEngine.onEvent(null, null, opened, open, POLICY, RETENTION, friday).state();

        // when it becomes critical (L1 15m, already used up) at 20:00, calendar closed
        Instant evening = local("2026-11-27T20:00");
        TicketEvent raise = event(EventType.SEVERITY_CHANGED, "Z-2", evening).severity(Severity.CRITICAL).build();
        Ticket critical = TicketEventApplier.apply(opened, raise).ticket();
        List<Alert> alerts = new ArrayList<>(SlaEngine.onEvent(state, opened, critical, raise, POLICY, RETENTION, evening)
                .alerts());

        // then the tier limit breaches at the change, at 20:00, and escalates: one BREACH, no separate WARNING
        assertThat(alerts).filteredOn(a -> "resolution".equals(a.clock())).extracting(Alert::type, Alert::deadline)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(AlertType.BREACH, evening),
                        org.assertj.core.groups.Tuple.tuple(AlertType.ESCALATION, evening));
    }
}
