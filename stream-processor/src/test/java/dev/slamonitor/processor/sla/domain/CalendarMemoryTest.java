package dev.slamonitor.processor.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What calendars remember (one calendar per spec and zone, each with its dates as instants) changes
 * no answer: a calendar that has answered thousands of questions in any order answers like a new one,
 * across DST changes, breaks, holidays and overrides, also after its date memory was cleared.
 */
class CalendarMemoryTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static CalendarRules rules() {
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, List<TimeRange>> breaks = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            // 00:30-03:30 covers the DST change hours of both zones
            hours.put(d, List.of(TimeRange.parse("00:30-03:30"), TimeRange.parse("08:00-18:00")));
            breaks.put(d, List.of(TimeRange.parse("12:00-13:00")));
        }
        hours.put(DayOfWeek.SATURDAY, List.of(TimeRange.parse("10:00-24:00")));
        return new CalendarRules(hours, breaks, Map.of(LocalDate.parse("2026-03-29"), List.of(TimeRange.parse("01:00-04:00"))),
                Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-10-26")));
    }

    @Test
    void shouldAnswerLikeANewCalendarAfterManyQuestionsInAnyOrder() {
        for (ZoneId zone : List.of(BERLIN, NEW_YORK)) {
            // given one calendar asked 20 000 random questions over two years (more dates than it remembers at once)
            BusinessCalendar warm = BusinessCalendar.businessHours("bh", zone, rules(), 8 * 3_600_000L);
            Random random = new Random(5L);
            long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
            for (int i = 0; i < 20_000; i++) {
                Instant a = Instant.ofEpochSecond(from + random.nextInt(2 * 365 * 86_400), random.nextInt(1_000_000_000));
                Instant b = a.plusSeconds(random.nextInt(20 * 86_400));
                long millis = random.nextInt(5) == 0 ? random.nextInt(1_000) : (long) random.nextInt(200) * 3_600_000L / 7;

                // when a new calendar is asked the same
                BusinessCalendar cold = BusinessCalendar.businessHours("bh", zone, rules(), 8 * 3_600_000L);

                // then the answers agree
                assertThat(warm.addBusinessTime(a, millis)).as("%s + %d ms in %s", a, millis, zone)
                        .isEqualTo(cold.addBusinessTime(a, millis));
                cold = BusinessCalendar.businessHours("bh", zone, rules(), 8 * 3_600_000L);
                assertThat(warm.businessMillisBetween(a, b)).as("%s .. %s in %s", a, b, zone)
                        .isEqualTo(cold.businessMillisBetween(a, b));
                cold = BusinessCalendar.businessHours("bh", zone, rules(), 8 * 3_600_000L);
                assertThat(warm.isOpen(b)).as("open at %s in %s", b, zone).isEqualTo(cold.isOpen(b));
            }
        }
    }

    @Test
    void shouldResolveOneCalendarPerSpecAndCustomerZone() {
        // given a spec in the customer's zone and one in a fixed zone
        CalendarSpec perCustomer = new CalendarSpec("bh", false, CalendarSpec.CUSTOMER_ZONE, ZoneId.of("UTC"), rules(), 28_800_000L);
        CalendarSpec fixed = new CalendarSpec("bh", false, "Europe/Berlin", ZoneId.of("UTC"), rules(), 28_800_000L);

        // when / then: the same instance for the same zone, its own for another zone or an unknown one
        assertThat(perCustomer.resolve("Europe/Berlin")).isSameAs(perCustomer.resolve("Europe/Berlin"));
        assertThat(perCustomer.resolve("Europe/Berlin").zone()).isEqualTo(BERLIN);
        assertThat(perCustomer.resolve("America/New_York").zone()).isEqualTo(NEW_YORK);
        assertThat(perCustomer.resolve("Not/AZone").zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(perCustomer.resolve(null).zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(fixed.resolve("America/New_York")).isSameAs(fixed.resolve(null));
        assertThat(fixed.resolve(null).zone()).isEqualTo(BERLIN);
        // an equal but distinct spec (a new policy version) gets its own calendar, with the same answers
        CalendarSpec again = new CalendarSpec("bh", false, CalendarSpec.CUSTOMER_ZONE, ZoneId.of("UTC"), rules(), 28_800_000L);
        assertThat(again.resolve("Europe/Berlin")).isNotSameAs(perCustomer.resolve("Europe/Berlin"));
        Instant at = Instant.parse("2026-03-30T07:00:00Z");
        assertThat(again.resolve("Europe/Berlin").addBusinessTime(at, 3_600_000L))
                .isEqualTo(perCustomer.resolve("Europe/Berlin").addBusinessTime(at, 3_600_000L));
    }
}
