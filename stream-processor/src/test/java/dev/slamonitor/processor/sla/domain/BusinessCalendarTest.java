package dev.slamonitor.processor.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final long HOUR = 3_600_000L;

    static Map<DayOfWeek, List<TimeRange>> weekdays(String range) {
        Map<DayOfWeek, List<TimeRange>> m = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            m.put(d, List.of(TimeRange.parse(range)));
        }
        return m;
    }

    static Map<DayOfWeek, List<TimeRange>> everyDay(String range) {
        Map<DayOfWeek, List<TimeRange>> m = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            m.put(d, List.of(TimeRange.parse(range)));
        }
        return m;
    }

    private static Instant local(String dateTime, ZoneId zone) {
        return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
    }

    @Test
    void shouldAddPlainTimeOnA24x7Calendar() {
        // given
        BusinessCalendar cal = BusinessCalendar.alwaysOpen("24x7");
        Instant start = Instant.parse("2026-03-28T23:00:00Z");

        // when / then
        assertThat(cal.addBusinessTime(start, 2 * HOUR)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(cal.businessMillisBetween(start, start.plusSeconds(90))).isEqualTo(90_000);
    }

    @Test
    void shouldCarryBusinessTimeOverTheWeekend() {
        // given Mon-Fri 09-17 in Berlin, a start on Friday 16:00
        BusinessCalendar cal = BusinessCalendar.businessHours("bh", BERLIN, weekdays("09:00-17:00"), Set.of(), 8 * HOUR);

        // when 2 business hours are added
        Instant due = cal.addBusinessTime(local("2026-11-20T16:00", BERLIN), 2 * HOUR);

        // then one hour is used on Friday, one on Monday
        assertThat(due).isEqualTo(local("2026-11-23T10:00", BERLIN));
        assertThat(cal.businessMillisBetween(local("2026-11-20T16:00", BERLIN), due)).isEqualTo(2 * HOUR);
    }

    @Test
    void shouldStartCountingAtOpeningWhenStartedOutsideBusinessHours() {
        BusinessCalendar cal = BusinessCalendar.businessHours("bh", BERLIN, weekdays("09:00-17:00"), Set.of(), 8 * HOUR);

        assertThat(cal.addBusinessTime(local("2026-11-23T03:00", BERLIN), 30 * 60_000L))
                .isEqualTo(local("2026-11-23T09:30", BERLIN));
        assertThat(cal.isOpen(local("2026-11-23T03:00", BERLIN))).isFalse();
        assertThat(cal.isOpen(local("2026-11-23T09:00", BERLIN))).isTrue();
    }

    @Test
    void shouldKeepLocalOpeningHoursAcrossTheSpringDstChange() {
        // given New York business hours; DST starts on Sunday 2026-03-08 (UTC-5 -> UTC-4)
        BusinessCalendar cal = BusinessCalendar.businessHours("bh", NEW_YORK, weekdays("09:00-17:00"), Set.of(), 8 * HOUR);

        // when 2 business hours are added from Friday 16:00 EST
        Instant due = cal.addBusinessTime(local("2026-03-06T16:00", NEW_YORK), 2 * HOUR);

        // then the deadline is Monday 10:00 local time, i.e. 14:00Z (EDT), not 15:00Z (EST)
        assertThat(due).isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    }

    @Test
    void shouldCountTheRealLengthOfDaysWithADstChange() {
        // given a calendar open all day, every day, in Berlin
        BusinessCalendar cal = BusinessCalendar.businessHours("all-day", BERLIN, everyDay("00:00-24:00"), Set.of(), 24 * HOUR);

        // then 2026-03-29 (spring forward) has 23 business hours and 2026-10-25 (fall back) has 25
        assertThat(cal.businessMillisBetween(local("2026-03-29T00:00", BERLIN), local("2026-03-30T00:00", BERLIN)))
                .isEqualTo(23 * HOUR);
        assertThat(cal.businessMillisBetween(local("2026-10-25T00:00", BERLIN), local("2026-10-26T00:00", BERLIN)))
                .isEqualTo(25 * HOUR);
        // and adding 24 h across the spring change lands an hour later on the wall clock
        assertThat(cal.addBusinessTime(local("2026-03-28T12:00", BERLIN), 24 * HOUR))
                .isEqualTo(local("2026-03-29T13:00", BERLIN));
    }

    @Test
    void shouldSkipHolidays() {
        // given 24 and 25 December are holidays (Thursday and Friday)
        BusinessCalendar cal = BusinessCalendar.businessHours("bh", BERLIN, weekdays("09:00-17:00"),
                Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25")), 8 * HOUR);

        // when 2 business hours are added on Wednesday 23 December at 16:00
        Instant due = cal.addBusinessTime(local("2026-12-23T16:00", BERLIN), 2 * HOUR);

        // then the second hour falls on Monday 28 December
        assertThat(due).isEqualTo(local("2026-12-28T10:00", BERLIN));
    }

    @Test
    void shouldResolveTheCustomersZoneAtRunTime() {
        // given one policy calendar in "the customer's business hours"
        CalendarSpec spec = new CalendarSpec("bh", false, CalendarSpec.CUSTOMER_ZONE, ZoneId.of("UTC"),
                weekdays("09:00-17:00"), Set.of(), 8 * HOUR);
        Instant start = Instant.parse("2026-11-23T06:00:00Z"); // Monday

        // when resolved for customers in Tokyo, New York and one without a zone
        Instant tokyo = spec.resolve("Asia/Tokyo").addBusinessTime(start, HOUR);
        Instant newYork = spec.resolve("America/New_York").addBusinessTime(start, HOUR);
        Instant unknown = spec.resolve(null).addBusinessTime(start, HOUR);

        // then each runs on its own local hours (Tokyo is at 15:00 local at the start)
        assertThat(tokyo).isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
        assertThat(newYork).isEqualTo(local("2026-11-23T10:00", NEW_YORK));
        assertThat(unknown).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void shouldKeepConsumedTimeWhenAClockIsPausedOverNight() {
        // given a 4 business-hour clock started Monday 16:00 and paused at 16:30 (pending customer)
        BusinessCalendar cal = BusinessCalendar.businessHours("bh", BERLIN, weekdays("09:00-17:00"), Set.of(), 8 * HOUR);
        SlaClock clock = SlaClock.start(ClockKind.RESOLUTION, 1, dev.slamonitor.event.SupportTier.L1, "bh", cal, 4 * HOUR,
                local("2026-11-23T16:00", BERLIN), 0.75);
        assertThat(clock.deadline()).isEqualTo(local("2026-11-24T12:00", BERLIN));
        SlaClock paused = clock.pause(local("2026-11-23T16:30", BERLIN), cal);

        // when it resumes on Tuesday at 11:00
        SlaClock resumed = paused.resume(local("2026-11-24T11:00", BERLIN), cal, 0.75);

        // then 30 minutes were consumed and 3.5 business hours remain
        assertThat(paused.consumedMillis()).isEqualTo(30 * 60_000L);
        assertThat(paused.deadline()).isNull();
        assertThat(resumed.deadline()).isEqualTo(local("2026-11-24T14:30", BERLIN));
        assertThat(resumed.warnAt()).isEqualTo(local("2026-11-24T13:30", BERLIN));
    }

    @Test
    void shouldRecomputeADeadlineNonDestructivelyWhenTheTargetChanges() {
        // given a 2h clock on 24x7 with 1h consumed
        BusinessCalendar cal = BusinessCalendar.alwaysOpen("24x7");
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        SlaClock clock = SlaClock.start(ClockKind.RESOLUTION, 1, dev.slamonitor.event.SupportTier.L1, "24x7", cal, 2 * HOUR, start, 0.75);

        // when the target drops to 15 minutes an hour in, then rises to 4 hours
        SlaClock shorter = clock.retarget(start.plus(Duration.ofHours(1)), "24x7", cal, cal, 15 * 60_000L, 0.75);
        SlaClock longer = shorter.retarget(start.plus(Duration.ofHours(1)), "24x7", cal, cal, 4 * HOUR, 0.75);

        // then the shorter target is already due, and the longer one keeps the hour already used
        assertThat(shorter.deadline()).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(longer.deadline()).isEqualTo(start.plus(Duration.ofHours(4)));
        assertThat(longer.consumedMillis()).isEqualTo(HOUR);
    }
}
