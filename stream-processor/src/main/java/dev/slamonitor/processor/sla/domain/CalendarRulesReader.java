package dev.slamonitor.processor.sla.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the date-dependent parts of one policy calendar (breaks, per-date overrides, holidays from
 * iCalendar text) into {@link CalendarRules}, adding a violation per problem with its path, like
 * the rest of the {@link PolicyReader}. Not thread-safe: one instance per calendar being read.
 */
final class CalendarRulesReader {

    /** Day key of breaks that apply on every weekday. */
    static final String DAILY = "DAILY";
    static final int MAX_OVERRIDES = 1_000;

    private final String path;
    private final List<String> violations;

    CalendarRulesReader(String path, List<String> violations) {
        this.path = path;
        this.violations = violations;
    }

    /** The rules of a business-hours calendar: weekly hours (already read) minus breaks, overrides and all holidays. */
    CalendarRules read(PolicyDocument.CalendarDoc c, Map<DayOfWeek, List<TimeRange>> weekly, Set<LocalDate> holidays) {
        CalendarRules rules = new CalendarRules(weekly, breaks(c.breaks()), overrides(c.overrides()),
                allHolidays(holidays, c.holidaysIcs()));
        if (!weekly.isEmpty() && weekly.values().stream().anyMatch(l -> !l.isEmpty()) && !rules.hasWeeklyHours()) {
            violations.add(path + ".breaks: the breaks leave no opening hours in the whole week");
        }
        return rules;
    }

    /** The rules of a 24/7 calendar: open every day around the clock, except holidays and overrides. */
    CalendarRules readAlwaysOpen(PolicyDocument.CalendarDoc c, Set<LocalDate> holidays) {
        if (c.breaks() != null) {
            violations.add(path + ".breaks: an alwaysOpen calendar takes no breaks (use weeklyHours instead)");
        }
        return CalendarRules.allDay(overrides(c.overrides()), allHolidays(holidays, c.holidaysIcs()));
    }

    private Set<LocalDate> allHolidays(Set<LocalDate> listed, String ics) {
        Set<LocalDate> all = new HashSet<>(listed);
        if (ics != null) {
            try {
                all.addAll(IcsHolidays.parse(ics));
            } catch (RuntimeException e) {
                // the library reports malformed text with its own runtime exceptions; the message says what
                violations.add(path + ".holidaysIcs: " + e.getMessage());
            }
        }
        return all;
    }

    private Map<DayOfWeek, List<TimeRange>> breaks(Map<String, List<String>> doc) {
        Map<DayOfWeek, List<TimeRange>> result = new EnumMap<>(DayOfWeek.class);
        if (doc == null) {
            return result;
        }
        List<TimeRange> daily = doc.containsKey(DAILY) ? ranges(path + ".breaks." + DAILY, doc.get(DAILY)) : List.of();
        Map<DayOfWeek, List<TimeRange>> perDay = new EnumMap<>(DayOfWeek.class);
        doc.forEach((key, ranges) -> {
            if (DAILY.equals(key)) {
                return;
            }
            try {
                perDay.put(DayOfWeek.valueOf(key.toUpperCase(Locale.ROOT)), ranges(path + ".breaks." + key, ranges));
            } catch (IllegalArgumentException e) {
                violations.add(path + ".breaks: '" + key + "' is not a day of the week (MONDAY..SUNDAY) or DAILY");
            }
        });
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> merged = new ArrayList<>(daily);
            merged.addAll(perDay.getOrDefault(day, List.of()));
            merged.sort(Comparator.comparing(TimeRange::start));
            if (!merged.isEmpty()) {
                result.put(day, List.copyOf(merged));
            }
        }
        return result;
    }

    private Map<LocalDate, List<TimeRange>> overrides(Map<String, List<String>> doc) {
        Map<LocalDate, List<TimeRange>> result = new LinkedHashMap<>();
        if (doc == null) {
            return result;
        }
        if (doc.size() > MAX_OVERRIDES) {
            violations.add(path + ".overrides: at most " + MAX_OVERRIDES + " dates (got " + doc.size() + ")");
            return result;
        }
        doc.forEach((text, ranges) -> {
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeException e) {
                violations.add(path + ".overrides: '" + text + "' is not a date (YYYY-MM-DD)");
                return;
            }
            if (ranges == null) {
                violations.add(path + ".overrides." + text + ": a list of ranges, [] for closed");
                return;
            }
            result.put(date, ranges(path + ".overrides." + text, ranges));
        });
        return result;
    }

    /** Sorted, non-overlapping ranges; a violation for each bad or overlapping one. */
    List<TimeRange> ranges(String at, List<String> texts) {
        List<TimeRange> parsed = new ArrayList<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            try {
                parsed.add(TimeRange.parse(text));
            } catch (IllegalArgumentException e) {
                violations.add(at + ": " + e.getMessage());
            }
        }
        parsed.sort(Comparator.comparing(TimeRange::start));
        for (int i = 1; i < parsed.size(); i++) {
            if (parsed.get(i - 1).overlaps(parsed.get(i))) {
                violations.add(at + ": ranges " + parsed.get(i - 1) + " and " + parsed.get(i) + " overlap");
            }
        }
        return List.copyOf(parsed);
    }
}
