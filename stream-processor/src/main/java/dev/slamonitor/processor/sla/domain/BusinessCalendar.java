package dev.slamonitor.processor.sla.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When SLA time runs: always (24/7), or during the business hours of one time zone as
 * {@link CalendarRules} give them per local date (per-date overrides, holidays, weekly hours minus
 * breaks); a 24/7 calendar may carry holidays and overrides too. Opening hours are local times;
 * each day's ranges are turned into instants through {@link java.time.ZonedDateTime}, so DST
 * changes are handled by java.time (a day with a DST change simply has fewer or more business
 * milliseconds if a range spans the change; a local time in a DST gap moves forward by the gap, one
 * in an overlap takes the earlier offset).
 *
 * <p>Invariants: immutable (its answers never change); a business-hours calendar has at least one
 * opening range per week, so {@link #addBusinessTime} always terminates (bounded by {@link #MAX_DAYS}
 * as a guard). Each calendar remembers the opening and closing instants of the dates it has turned
 * into instants (at most {@link #MAX_CACHED_DATES}), because every clock of every event asks for the
 * same few dates and each conversion is a zone-rules lookup; {@link CalendarSpec#resolve} hands out
 * one calendar per spec and zone, so the memory is shared by all tickets on it. Thread-safe.
 */
public final class BusinessCalendar {

    /** Guard for the day-by-day walk: ten years. */
    static final int MAX_DAYS = 3_660;
    private static final long DAY_MILLIS = 86_400_000L;
    /** Bound of the per-calendar date memory; cleared when full (a few KB). */
    static final int MAX_CACHED_DATES = 512;

    private final String name;
    private final ZoneId zone;
    private final boolean alwaysOpen;
    /** True only for a 24/7 calendar without holidays or overrides: time is plain elapsed time. */
    private final boolean continuous;
    private final CalendarRules rules;
    private final long businessDayMillis;
    /** Local date -> opening and closing instant of each of its ranges, in order: open0, close0, open1, ... */
    private final Map<LocalDate, Instant[]> bounds = new ConcurrentHashMap<>();

    private BusinessCalendar(String name, ZoneId zone, boolean alwaysOpen, CalendarRules rules, long businessDayMillis) {
        this.name = name;
        this.zone = zone;
        this.alwaysOpen = alwaysOpen;
        this.continuous = alwaysOpen && !rules.hasDateRules();
        this.rules = rules;
        this.businessDayMillis = businessDayMillis;
    }

    public static BusinessCalendar alwaysOpen(String name) {
        return alwaysOpen(name, ZoneId.of("UTC"), Map.of(), Set.of());
    }

    /** A 24/7 calendar closed on {@code holidays} and with other hours on {@code overrides}, dates local to {@code zone}. */
    public static BusinessCalendar alwaysOpen(String name, ZoneId zone, Map<LocalDate, List<TimeRange>> overrides,
                                              Set<LocalDate> holidays) {
        return new BusinessCalendar(name, zone, true, CalendarRules.allDay(overrides, holidays), DAY_MILLIS);
    }

    /** @param weeklyHours sorted, non-overlapping ranges per day; days without an entry are closed */
    public static BusinessCalendar businessHours(String name, ZoneId zone, Map<DayOfWeek, List<TimeRange>> weeklyHours,
                                                 Set<LocalDate> holidays, long businessDayMillis) {
        return businessHours(name, zone, CalendarRules.weekly(weeklyHours, holidays), businessDayMillis);
    }

    public static BusinessCalendar businessHours(String name, ZoneId zone, CalendarRules rules, long businessDayMillis) {
        if (!rules.hasWeeklyHours()) {
            throw new IllegalArgumentException("calendar " + name + " has no opening hours");
        }
        return new BusinessCalendar(name, zone, false, rules, businessDayMillis);
    }

    /** The instant at which {@code millis} of business time have passed after {@code start}. */
    public Instant addBusinessTime(Instant start, long millis) {
        if (millis <= 0) {
            return start;
        }
        if (continuous) {
            return start.plusMillis(millis);
        }
        long remaining = millis;
        Instant floor = start;
        LocalDate date = LocalDate.ofInstant(start, zone);
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            Instant[] day = boundsOn(date);
            for (int r = 0; r < day.length; r += 2) {
                // floor: ranges that a DST gap made overlap (00:00-02:30 and 03:00-20:00 on a spring-forward
                // night become 00:00-03:30 and 03:00-20:00) must not count the same time twice
                Instant open = max(day[r], floor);
                Instant close = day[r + 1];
                long available = close.toEpochMilli() - open.toEpochMilli();
                if (available <= 0) {
                    continue;
                }
                if (remaining <= available) {
                    return open.plusMillis(remaining);
                }
                remaining -= available;
                floor = close;
            }
        }
        throw new IllegalStateException("calendar " + describe() + " has no business time within " + MAX_DAYS + " days");
    }

    /** Business milliseconds between two instants (0 if {@code to} is not after {@code from}). */
    public long businessMillisBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        if (continuous) {
            return to.toEpochMilli() - from.toEpochMilli();
        }
        long total = 0;
        Instant floor = from;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate date = LocalDate.ofInstant(from, zone); !date.isAfter(last); date = date.plusDays(1)) {
            Instant[] day = boundsOn(date);
            for (int r = 0; r < day.length; r += 2) {
                Instant open = max(day[r], floor);
                Instant close = min(day[r + 1], to);
                if (close.isAfter(open)) {
                    total += close.toEpochMilli() - open.toEpochMilli();
                    floor = close; // as in addBusinessTime: overlapping ranges after a DST gap count once
                }
            }
        }
        return total;
    }

    /** Whether business time runs at this instant. */
    public boolean isOpen(Instant at) {
        if (continuous) {
            return true;
        }
        Instant[] day = boundsOn(LocalDate.ofInstant(at, zone));
        for (int r = 0; r < day.length; r += 2) {
            if (!at.isBefore(day[r]) && at.isBefore(day[r + 1])) {
                return true;
            }
        }
        return false;
    }

    /** How long one business day ("1d" in a policy) lasts on this calendar. */
    public long businessDayMillis() {
        return businessDayMillis;
    }

    public ZoneId zone() {
        return zone;
    }

    /** e.g. {@code 24x7} or {@code business-hours@Europe/Berlin}. */
    public String describe() {
        return continuous ? name : name + "@" + zone.getId();
    }

    /** The date's ranges as instants, remembered. */
    private Instant[] boundsOn(LocalDate date) {
        Instant[] day = bounds.get(date);
        if (day == null) {
            List<TimeRange> ranges = rules.hoursOn(date);
            day = new Instant[ranges.size() * 2];
            for (int r = 0; r < ranges.size(); r++) {
                day[2 * r] = opening(date, ranges.get(r));
                day[2 * r + 1] = closing(date, ranges.get(r));
            }
            if (bounds.size() >= MAX_CACHED_DATES) {
                bounds.clear();
            }
            bounds.put(date, day);
        }
        return day;
    }

    private Instant opening(LocalDate date, TimeRange range) {
        return date.atTime(range.start()).atZone(zone).toInstant();
    }

    private Instant closing(LocalDate date, TimeRange range) {
        return range.untilMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                : date.atTime(range.end()).atZone(zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
