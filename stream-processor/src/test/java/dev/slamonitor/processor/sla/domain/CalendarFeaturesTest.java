package dev.slamonitor.processor.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.event.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The calendar features as policy data: per-date overrides, breaks, iCalendar holidays (with yearly
 * recurrences), holidays on 24/7 calendars and seconds in ranges, read through the {@link PolicyReader}
 * like every policy and then used by the {@link BusinessCalendar}.
 */
class CalendarFeaturesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long HOUR = 3_600_000L;
    private static final String WEEKDAYS = """
            "MONDAY":["09:00-17:00"],"TUESDAY":["09:00-17:00"],"WEDNESDAY":["09:00-17:00"],
            "THURSDAY":["09:00-17:00"],"FRIDAY":["09:00-17:00"]""";

    private final PolicyReader reader = new PolicyReader();

    /** A complete policy whose every severity runs on the calendar {@code cal} given as JSON. */
    static String policyWith(String calendarJson) {
        return """
                {"id":"cal","version":1,
                 "calendars":{"cal":%s},
                 "calendarBySeverity":{"critical":"cal","high":"cal","medium":"cal","low":"cal"},
                 "tierLimits":{"critical":{"L1":"15m","L2":"1h","L3":"2h","management":"immediate"},
                               "high":{"L1":"2h","L2":"4h","L3":"8h","management":"4h"},
                               "medium":{"L1":"4h","L2":"1d","L3":"2d","management":"1d"},
                               "low":{"L1":"1d","L2":"2d","L3":"3d","management":"on request"}},
                 "firstResponse":{"critical":"15m","high":"30m","medium":"30m","low":"30m"},
                 "handoffAck":"15m"}
                """.formatted(calendarJson);
    }

    private Result<SlaPolicy> read(String calendarJson) {
        return reader.read(policyWith(calendarJson).getBytes(StandardCharsets.UTF_8));
    }

    private BusinessCalendar calendar(String calendarJson) {
        Result<SlaPolicy> result = read(calendarJson);
        assertThat(result.detail()).isEmpty();
        return result.value().calendarFor(Severity.HIGH).resolve(null);
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    private static long hoursOf(BusinessCalendar cal, String date) {
        LocalDate d = LocalDate.parse(date);
        return cal.businessMillisBetween(d.atStartOfDay(BERLIN).toInstant(), d.plusDays(1).atStartOfDay(BERLIN).toInstant());
    }

    @Test
    void shouldLetADateOverrideWinOverTheWeekdayHours() {
        // given a half-day on Thursday 2026-12-24, a closed Wednesday and a special opening on Saturday
        BusinessCalendar cal = calendar("""
                {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{%s},
                 "overrides":{"2026-12-24":["09:00-12:00"],"2026-12-23":[],"2026-12-19":["10:00-14:00"]}}
                """.formatted(WEEKDAYS));

        // then each overridden date has its own hours, the others keep the weekday's
        assertThat(hoursOf(cal, "2026-12-24")).isEqualTo(3 * HOUR);
        assertThat(hoursOf(cal, "2026-12-23")).isZero();
        assertThat(hoursOf(cal, "2026-12-19")).isEqualTo(4 * HOUR);
        assertThat(hoursOf(cal, "2026-12-22")).isEqualTo(8 * HOUR);
        // and a 4h target started on the half-day at 11:00 uses the hour left, then Friday from 09:00
        assertThat(cal.addBusinessTime(local("2026-12-24T11:00"), 4 * HOUR)).isEqualTo(local("2026-12-25T12:00"));
        // and one started Friday 16:00 runs on the special Saturday opening
        assertThat(cal.addBusinessTime(local("2026-12-18T16:00"), 2 * HOUR)).isEqualTo(local("2026-12-19T11:00"));
    }

    @Test
    void shouldLetAnOverrideOpenAHoliday() {
        // given a listed holiday that is nevertheless open in the morning
        BusinessCalendar cal = calendar("""
                {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{%s},
                 "holidays":["2026-12-24"],"overrides":{"2026-12-24":["09:00-11:00"]}}
                """.formatted(WEEKDAYS));

        // then the override wins: it is the most specific rule
        assertThat(hoursOf(cal, "2026-12-24")).isEqualTo(2 * HOUR);
    }

    @Test
    void shouldTakeBreaksOutOfTheOpeningHours() {
        // given a daily lunch break and a Friday shift change
        BusinessCalendar cal = calendar("""
                {"zone":"Europe/Berlin","businessDay":"7h","weeklyHours":{%s},
                 "breaks":{"DAILY":["12:00-13:00"],"FRIDAY":["15:00-15:30"]}}
                """.formatted(WEEKDAYS));

        // then a weekday has 7 business hours, Friday 6.5; nothing runs during lunch
        assertThat(hoursOf(cal, "2026-12-01")).isEqualTo(7 * HOUR);
        assertThat(hoursOf(cal, "2026-12-04")).isEqualTo(6 * HOUR + HOUR / 2);
        assertThat(cal.isOpen(local("2026-12-01T12:30"))).isFalse();
        assertThat(cal.isOpen(local("2026-12-01T13:00"))).isTrue();
        // and a 2h target from 11:00 ends at 14:00, not 13:00
        assertThat(cal.addBusinessTime(local("2026-12-01T11:00"), 2 * HOUR)).isEqualTo(local("2026-12-01T14:00"));
    }

    @Test
    void shouldCountTheRealLengthOfABreakThatADstChangeFallsInto() {
        // given an all-day Sunday with a break around the DST changes of Europe/Berlin
        BusinessCalendar cal = calendar("""
                {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{"SUNDAY":["00:00-24:00"]},
                 "breaks":{"SUNDAY":["01:30-03:30"]}}
                """);

        // then on 2026-03-29 (02:00 -> 03:00) the day has 23 h and the break lasts 1 real hour
        assertThat(hoursOf(cal, "2026-03-29")).isEqualTo(22 * HOUR);
        // a target of 1h from 01:00 local: 30 min before the break, the rest after it (03:30 CEST)
        assertThat(cal.addBusinessTime(local("2026-03-29T01:00"), HOUR)).isEqualTo(local("2026-03-29T04:00"));
        // and on 2026-10-25 (03:00 -> 02:00) the day has 25 h and the break 3 real hours (01:30 CEST to 03:30 CET)
        assertThat(hoursOf(cal, "2026-10-25")).isEqualTo(22 * HOUR);
        assertThat(cal.businessMillisBetween(Instant.parse("2026-10-24T23:30:00Z"), Instant.parse("2026-10-25T02:30:00Z")))
                .isZero();
    }

    @Test
    void shouldCloseTheDatesOfIcsHolidaysAndExpandYearlyRecurrences() {
        // given holidays as an iCalendar export: a yearly New Year, a one-off date and Thanksgiving by rule
        BusinessCalendar cal = calendar("""
                {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{%s},
                 "holidaysIcs":"BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//test//EN\\r\\n\
                BEGIN:VEVENT\\r\\nUID:ny\\r\\nSUMMARY:New Year\\r\\nDTSTART;VALUE=DATE:20260101\\r\\nDTEND;VALUE=DATE:20260102\\r\\nRRULE:FREQ=YEARLY\\r\\nEND:VEVENT\\r\\n\
                BEGIN:VEVENT\\r\\nUID:once\\r\\nSUMMARY:Company day\\r\\nDTSTART;VALUE=DATE:20260615\\r\\nDTEND;VALUE=DATE:20260617\\r\\nEND:VEVENT\\r\\n\
                BEGIN:VEVENT\\r\\nUID:tg\\r\\nSUMMARY:Thanksgiving\\r\\nDTSTART;VALUE=DATE:20261126\\r\\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\\r\\nEND:VEVENT\\r\\n\
                END:VCALENDAR\\r\\n"}
                """.formatted(WEEKDAYS));

        // then every occurrence is closed, also years after the first
        assertThat(hoursOf(cal, "2026-01-01")).isZero();
        assertThat(hoursOf(cal, "2027-01-01")).isZero();
        assertThat(hoursOf(cal, "2031-01-01")).isZero();
        assertThat(hoursOf(cal, "2026-06-15")).isZero();
        assertThat(hoursOf(cal, "2026-06-16")).isZero();
        assertThat(hoursOf(cal, "2026-06-17")).isEqualTo(8 * HOUR);
        assertThat(hoursOf(cal, "2026-11-26")).isZero();
        assertThat(hoursOf(cal, "2027-11-25")).isZero();
        assertThat(hoursOf(cal, "2027-11-26")).isEqualTo(8 * HOUR);
    }

    @Test
    void shouldNotMoveAnIcsHolidayOnAWeekendToTheNextWorkingDay() {
        // given a yearly holiday on 26 December, a Saturday in 2026
        String ics = "BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//test//EN\\r\\nBEGIN:VEVENT\\r\\nUID:boxing\\r\\n"
                + "DTSTART;VALUE=DATE:20261226\\r\\nRRULE:FREQ=YEARLY\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n";
        BusinessCalendar weekdays = calendar("""
                {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{%s},"holidaysIcs":"%s"}
                """.formatted(WEEKDAYS, ics));
        BusinessCalendar allWeek = calendar("""
                {"alwaysOpen":true,"zone":"Europe/Berlin","holidaysIcs":"%s"}
                """.formatted(ics));

        // then on a Monday-Friday calendar the weekend stays closed and Monday stays open (no "observed" day)
        assertThat(hoursOf(weekdays, "2026-12-26")).isZero();
        assertThat(hoursOf(weekdays, "2026-12-28")).isEqualTo(8 * HOUR);
        // and on a 24/7 calendar the Saturday is closed, the Sunday open
        assertThat(hoursOf(allWeek, "2026-12-26")).isZero();
        assertThat(hoursOf(allWeek, "2026-12-27")).isEqualTo(24 * HOUR);
        assertThat(allWeek.isOpen(local("2026-12-26T12:00"))).isFalse();
    }

    @Test
    void shouldCloseHolidaysOnA24x7Calendar() {
        // given a 24/7 calendar with a listed holiday and a half-open override, dates in Berlin
        BusinessCalendar cal = calendar("""
                {"alwaysOpen":true,"zone":"Europe/Berlin","holidays":["2026-12-25"],"overrides":{"2026-12-24":["00:00-12:00"]}}
                """);

        // then time stops on the holiday and on the afternoon of the 24th
        assertThat(hoursOf(cal, "2026-12-23")).isEqualTo(24 * HOUR);
        assertThat(hoursOf(cal, "2026-12-24")).isEqualTo(12 * HOUR);
        assertThat(hoursOf(cal, "2026-12-25")).isZero();
        assertThat(cal.addBusinessTime(local("2026-12-24T11:00"), 2 * HOUR)).isEqualTo(local("2026-12-26T01:00"));
        assertThat(cal.businessDayMillis()).isEqualTo(24 * HOUR);
        assertThat(cal.describe()).isEqualTo("cal@Europe/Berlin");
    }

    @Test
    void shouldKeepAPlain24x7CalendarContinuous() {
        // given a 24/7 calendar without dates
        BusinessCalendar cal = calendar("{\"alwaysOpen\":true}");

        // then time is plain elapsed time, as before
        assertThat(cal.addBusinessTime(Instant.parse("2026-03-29T00:30:00Z"), 2 * HOUR))
                .isEqualTo(Instant.parse("2026-03-29T02:30:00Z"));
        assertThat(cal.describe()).isEqualTo("cal");
    }

    @Test
    void shouldHonourSecondsInOpeningHours() {
        // given opening hours with seconds
        BusinessCalendar cal = calendar("""
                {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{"MONDAY":["09:00:30-17:00:15"]},
                 "breaks":{"MONDAY":["12:00:00-12:00:45"]}}
                """);

        // then the seconds count
        assertThat(hoursOf(cal, "2026-11-30")).isEqualTo(8 * HOUR - 15_000 - 45_000);
        assertThat(cal.isOpen(local("2026-11-30T09:00:29"))).isFalse();
        assertThat(cal.isOpen(local("2026-11-30T09:00:30"))).isTrue();
        assertThat(cal.addBusinessTime(local("2026-11-30T08:00"), 1_000)).isEqualTo(local("2026-11-30T09:00:31"));
        assertThat(cal.addBusinessTime(local("2026-11-30T11:59:50"), 20_000)).isEqualTo(local("2026-11-30T12:00:55"));
    }

    @Test
    void shouldRefuseBadCalendarFeaturesNamingEachField() {
        // given mistakes in every new field
        Result<SlaPolicy> result = read("""
                {"zone":"Europe/Berlin","businessDay":"8h","weeklyHours":{"MONDAY":["09:00-17:00"]},
                 "breaks":{"DAILY":["13:00-12:00"],"FUNDAY":["10:00-11:00"]},
                 "overrides":{"2026-13-01":[],"2026-12-24":["09:00-12:00","11:00-13:00"]},
                 "holidaysIcs":"BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nDTSTART;VALUE=DATE:20260101\\r\\nRRULE:FREQ=WEEKLY\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n"}
                """);

        // then nothing is accepted and each problem is named
        assertThat(result.isOk()).isFalse();
        assertThat(result.detail())
                .contains("calendars.cal.breaks.DAILY: '13:00-12:00' ends before it starts")
                .contains("calendars.cal.breaks: 'FUNDAY' is not a day of the week")
                .contains("calendars.cal.overrides: '2026-13-01' is not a date")
                .contains("calendars.cal.overrides.2026-12-24: ranges 09:00-12:00 and 11:00-13:00 overlap")
                .contains("calendars.cal.holidaysIcs: event 1: only yearly recurrences");
    }

    @Test
    void shouldRefuseBreaksThatCloseTheWholeWeekAndTextThatIsNotIcs() {
        // when
        Result<SlaPolicy> noHours = read("""
                {"zone":"UTC","businessDay":"8h","weeklyHours":{"MONDAY":["09:00-17:00"]},"breaks":{"MONDAY":["08:00-18:00"]}}
                """);
        Result<SlaPolicy> notIcs = read("""
                {"zone":"UTC","businessDay":"8h","weeklyHours":{"MONDAY":["09:00-17:00"]},"holidaysIcs":"2026-12-25"}
                """);
        Result<SlaPolicy> breaksOn24x7 = read("""
                {"alwaysOpen":true,"breaks":{"DAILY":["12:00-13:00"]}}
                """);

        // then
        assertThat(noHours.detail()).contains("calendars.cal.breaks: the breaks leave no opening hours in the whole week");
        assertThat(notIcs.detail()).contains("calendars.cal.holidaysIcs: not iCalendar text");
        assertThat(breaksOn24x7.detail()).contains("calendars.cal.breaks: an alwaysOpen calendar takes no breaks");
    }

    @Test
    void shouldResolveTheHolidaysOfA24x7CalendarInTheCustomersZone() {
        // given a 24/7 calendar whose holiday dates are the customer's
        Result<SlaPolicy> result = read("""
                {"alwaysOpen":true,"zone":"customer","holidays":["2026-12-25"]}
                """);
        CalendarSpec spec = result.value().calendarFor(Severity.CRITICAL);

        // then Tokyo's 25 December starts 9 hours before UTC's
        BusinessCalendar tokyo = spec.resolve("Asia/Tokyo");
        assertThat(spec.usesCustomerZone()).isTrue();
        assertThat(tokyo.isOpen(Instant.parse("2026-12-24T16:00:00Z"))).isFalse();
        assertThat(tokyo.isOpen(Instant.parse("2026-12-25T16:00:00Z"))).isTrue();
        assertThat(Duration.ofMillis(tokyo.businessMillisBetween(Instant.parse("2026-12-24T00:00:00Z"),
                Instant.parse("2026-12-26T00:00:00Z")))).isEqualTo(Duration.ofHours(24));
    }
}
