package dev.slamonitor.processor.sla.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code calendars} of a policy document into {@link CalendarSpec}s: zones, weekly hours
 * (no overlaps, some opening in the week), holidays, the business day, and the always-open form;
 * the overrides and ICS holidays through {@link CalendarRulesReader}. Violations name the calendar's path.
 */
final class PolicyCalendarsReader {

    private final PolicyChecks checks;

    PolicyCalendarsReader(PolicyChecks checks) {
        this.checks = checks;
    }

    /** The declared calendars by name; a calendar with a violation is left out (the violation says why). */
    Map<String, CalendarSpec> read(Map<String, PolicyDocument.CalendarDoc> declared) {
        Map<String, CalendarSpec> result = new LinkedHashMap<>();
        if (declared == null) {
            return result;
        }
        declared.forEach((name, c) -> calendar("calendars." + name, name, c).ifPresent(spec -> result.put(name, spec)));
        return result;
    }

    private Optional<CalendarSpec> calendar(String path, String name, PolicyDocument.CalendarDoc c) {
        if (c == null) {
            checks.add(path + ": must be an object");
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(c.alwaysOpen())) {
            return alwaysOpen(path, name, c);
        }
        int before = checks.count();
        String zone = c.zone();
        if (zone == null) {
            checks.add(path + ".zone: required (an IANA zone such as Europe/Berlin, or 'customer')");
        } else if (!CalendarSpec.CUSTOMER_ZONE.equals(zone)) {
            checks.zone(path + ".zone", zone);
        }
        ZoneId fallback = c.fallbackZone() == null ? ZoneId.of("UTC") : checks.zone(path + ".fallbackZone", c.fallbackZone());
        Map<DayOfWeek, List<TimeRange>> weekly = weeklyHours(path + ".weeklyHours", c.weeklyHours());
        Set<LocalDate> holidays = holidays(path, c);
        CalendarRules rules = new CalendarRulesReader(path, checks.violations()).read(c, weekly, holidays);
        PolicyDuration day = checks.positive(path + ".businessDay", c.businessDay());
        if (day != null && (day.days() > 0 || day.millis() > 86_400_000L)) {
            checks.add(path + ".businessDay: at most 24h (got " + c.businessDay() + ")");
        }
        if (checks.count() > before || day == null || fallback == null) {
            return Optional.empty();
        }
        return Optional.of(new CalendarSpec(name, false, zone, fallback, rules, day.millis()));
    }

    /** 24/7, optionally with holidays and overrides whose dates are local to {@code zone} (default UTC). */
    private Optional<CalendarSpec> alwaysOpen(String path, String name, PolicyDocument.CalendarDoc c) {
        if (c.weeklyHours() != null || c.businessDay() != null) {
            checks.add(path + ": an alwaysOpen calendar takes no weeklyHours or businessDay");
        }
        boolean dated = c.holidays() != null || c.holidaysIcs() != null || c.overrides() != null;
        if (c.zone() != null && !dated) {
            checks.add(path + ": an alwaysOpen calendar takes a zone only for its holidays or overrides");
        }
        int before = checks.count();
        String zone = c.zone() == null ? "UTC" : c.zone();
        if (!CalendarSpec.CUSTOMER_ZONE.equals(zone)) {
            checks.zone(path + ".zone", zone);
        }
        ZoneId fallback = c.fallbackZone() == null ? ZoneId.of("UTC") : checks.zone(path + ".fallbackZone", c.fallbackZone());
        CalendarRules rules = new CalendarRulesReader(path, checks.violations()).readAlwaysOpen(c, holidays(path, c));
        if (checks.count() > before || fallback == null) {
            return Optional.empty();
        }
        return Optional.of(dated ? new CalendarSpec(name, true, zone, fallback, rules, 86_400_000L)
                : CalendarSpec.alwaysOpen(name));
    }

    private Set<LocalDate> holidays(String path, PolicyDocument.CalendarDoc c) {
        Set<LocalDate> holidays = new HashSet<>();
        for (String text : PolicyChecks.orEmpty(c.holidays())) {
            try {
                holidays.add(LocalDate.parse(text));
            } catch (DateTimeException e) {
                checks.add(path + ".holidays: '" + text + "' is not a date (YYYY-MM-DD)");
            }
        }
        return holidays;
    }

    private Map<DayOfWeek, List<TimeRange>> weeklyHours(String path, Map<String, List<String>> doc) {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        if (doc == null || doc.isEmpty()) {
            checks.add(path + ": required unless alwaysOpen (e.g. {\"MONDAY\": [\"09:00-17:00\"]})");
            return weekly;
        }
        doc.forEach((dayText, ranges) -> {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(dayText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                checks.add(path + ": '" + dayText + "' is not a day of the week (MONDAY..SUNDAY)");
                return;
            }
            List<TimeRange> parsed = new ArrayList<>();
            for (String text : PolicyChecks.orEmpty(ranges)) {
                try {
                    parsed.add(TimeRange.parse(text));
                } catch (IllegalArgumentException e) {
                    checks.add(path + "." + dayText + ": " + e.getMessage());
                }
            }
            parsed.sort(Comparator.comparing(TimeRange::start));
            for (int i = 1; i < parsed.size(); i++) {
                if (parsed.get(i - 1).overlaps(parsed.get(i))) {
                    checks.add(path + "." + dayText + ": ranges " + parsed.get(i - 1) + " and " + parsed.get(i) + " overlap");
                }
            }
            weekly.put(day, List.copyOf(parsed));
        });
        if (weekly.values().stream().allMatch(List::isEmpty)) {
            checks.add(path + ": no opening hours in the whole week");
        }
        return weekly;
    }
}
