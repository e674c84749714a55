package dev.slamonitor.processor.sla.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which local hours of one date are business hours, by precedence: a per-date {@code override}
 * (other hours, or an empty list = closed) wins over everything; else a holiday (listed, or from
 * the calendar's iCalendar text) is closed; else the weekday's opening hours minus the weekday's
 * breaks (and the daily breaks).
 *
 * <p>Invariants: immutable; every list is sorted by start and free of overlaps (the policy reader
 * refuses anything else). A 24/7 calendar that carries holidays or overrides is these rules with
 * every weekday open {@link TimeRange#WHOLE_DAY}.
 */
public record CalendarRules(Map<DayOfWeek, List<TimeRange>> weeklyHours, Map<DayOfWeek, List<TimeRange>> breaks,
                            Map<LocalDate, List<TimeRange>> overrides, Set<LocalDate> holidays) {

    public CalendarRules {
        weeklyHours = Map.copyOf(weeklyHours);
        breaks = Map.copyOf(breaks);
        overrides = Map.copyOf(overrides);
        holidays = Set.copyOf(holidays);
    }

    public static CalendarRules weekly(Map<DayOfWeek, List<TimeRange>> weeklyHours, Set<LocalDate> holidays) {
        return new CalendarRules(weeklyHours, Map.of(), Map.of(), holidays);
    }

    /** Every day open around the clock, except holidays and overrides. */
    public static CalendarRules allDay(Map<LocalDate, List<TimeRange>> overrides, Set<LocalDate> holidays) {
        Map<DayOfWeek, List<TimeRange>> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            all.put(d, List.of(TimeRange.WHOLE_DAY));
        }
        return new CalendarRules(all, Map.of(), overrides, holidays);
    }

    /** The business hours of one local date, in order. */
    public List<TimeRange> hoursOn(LocalDate date) {
        List<TimeRange> override = overrides.get(date);
        if (override != null) {
            return override;
        }
        if (holidays.contains(date)) {
            return List.of();
        }
        List<TimeRange> open = weeklyHours.getOrDefault(date.getDayOfWeek(), List.of());
        List<TimeRange> pauses = breaks.getOrDefault(date.getDayOfWeek(), List.of());
        if (pauses.isEmpty()) {
            return open;
        }
        return open.stream().flatMap(r -> r.minus(pauses).stream()).toList();
    }

    /** Whether some weekday has business hours left after its breaks (else only overrides could open it). */
    public boolean hasWeeklyHours() {
        for (DayOfWeek d : DayOfWeek.values()) {
            List<TimeRange> open = weeklyHours.getOrDefault(d, List.of());
            List<TimeRange> pauses = breaks.getOrDefault(d, List.of());
            if (open.stream().anyMatch(r -> !r.minus(pauses).isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** Whether nothing but plain weekly hours apply (the 24/7 fast path needs no date rules at all). */
    public boolean hasDateRules() {
        return !overrides.isEmpty() || !holidays.isEmpty();
    }
}
