package dev.slamonitor.processor.sla.model;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy the property tests run: as JSON for the engine, and as plain numbers (minutes) and
 * {@link ModelCalendars.Def}s for the reference model. Three calendars, all in the customer's zone:
 * {@code allday} (24/7 with holidays, one of them an iCalendar yearly rule), {@code biz} (weekdays
 * with a lunch break, overrides, listed and iCalendar holidays) and {@code shift} (every day, with a
 * range boundary at 02:30 inside the DST gaps and overlaps, and a Sunday-night break). Targets are
 * multiples of 4 minutes so that 75 % of each is a whole minute.
 */
public final class PropertyPolicy {

    public static final String ID = "property";
    public static final int VERSION = 1;
    public static final double WARN_FRACTION = 0.75;
    public static final int RENOTIFY_MINUTES = 32;
    public static final int RENOTIFY_MAX_LEVEL = 2;
    public static final int HANDOFF_ACK_MINUTES = 20;

    private static final List<DayOfWeek> WEEKDAYS = List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY);

    public static final ModelCalendars.Def ALLDAY = new ModelCalendars.Def("allday", true, 1440, Map.of(), Map.of(),
            Map.of(), yearly(Set.of(LocalDate.parse("2026-12-25")), 1, 1));
    public static final ModelCalendars.Def BIZ = new ModelCalendars.Def("biz", false, 480, perDay(WEEKDAYS, "09:00-17:00"),
            perDay(WEEKDAYS, "12:00-12:30"),
            Map.of(LocalDate.parse("2026-12-24"), List.of("09:00-12:00"), LocalDate.parse("2026-12-31"), List.of(),
                    LocalDate.parse("2026-03-30"), List.of("13:00-15:00")),
            yearly(Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-11-26")), 12, 26));
    public static final ModelCalendars.Def SHIFT = new ModelCalendars.Def("shift", false, 480,
            perDay(List.of(DayOfWeek.values()), "00:00-02:30", "03:00-20:00"), perDay(List.of(SUNDAY), "01:15-01:45"),
            Map.of(LocalDate.parse("2026-12-25"), List.of("08:00-10:00")), Set.of(LocalDate.parse("2027-01-01")));

    /** Severity -> calendar, as in {@code calendarBySeverity}. */
    public static ModelCalendars.Def calendar(Severity s) {
        return switch (s) {
            case CRITICAL -> ALLDAY;
            case HIGH, LOW -> BIZ;
            case MEDIUM -> SHIFT;
        };
    }

    public static ModelCalendars.Def calendarNamed(String name) {
        return switch (name) {
            case "allday" -> ALLDAY;
            case "biz" -> BIZ;
            default -> SHIFT;
        };
    }

    /** Tier limits in minutes ("d" = businessDay of the severity's calendar); null = on request. */
    public static Integer tierLimit(Severity s, SupportTier t) {
        int day = (int) calendar(s).businessDayMinutes();
        return switch (s) {
            case CRITICAL -> switch (t) { case L1 -> 60; case L2 -> 120; case L3 -> 240; case MANAGEMENT -> 0; };
            case HIGH -> switch (t) { case L1 -> 120; case L2 -> 240; case L3 -> 480; case MANAGEMENT -> 240; };
            case MEDIUM -> switch (t) { case L1 -> 240; case L2 -> day; case L3 -> 2 * day; case MANAGEMENT -> day; };
            case LOW -> switch (t) { case L1 -> day; case L2 -> 2 * day; case L3 -> 3 * day; case MANAGEMENT -> null; };
        };
    }

    public static int firstResponse(Severity s) {
        return switch (s) { case CRITICAL -> 20; case HIGH -> 40; case MEDIUM -> 60; case LOW -> 120; };
    }

    /** null: no update cadence for that severity. */
    public static Integer customerUpdate(Severity s) {
        return switch (s) { case CRITICAL -> 120; case HIGH -> 240; case MEDIUM -> (int) SHIFT.businessDayMinutes(); case LOW -> null; };
    }

    /** autoEscalation.noUpdateFor = 1d of the severity's calendar. */
    public static int noUpdate(Severity s) {
        return (int) calendar(s).businessDayMinutes();
    }

    public static String json() {
        String newYear = "BEGIN:VEVENT\\r\\nUID:ny\\r\\nSUMMARY:New Year\\r\\nDTSTART;VALUE=DATE:20260101\\r\\n"
                + "DTEND;VALUE=DATE:20260102\\r\\nRRULE:FREQ=YEARLY\\r\\nEND:VEVENT\\r\\n";
        String boxing = "BEGIN:VEVENT\\r\\nUID:boxing\\r\\nSUMMARY:Boxing Day\\r\\nDTSTART;VALUE=DATE:20251226\\r\\n"
                + "RRULE:FREQ=YEARLY\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nUID:tg\\r\\nDTSTART;VALUE=DATE:20261126\\r\\nEND:VEVENT\\r\\n";
        String ics = "BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//slamon//property//EN\\r\\n%sEND:VCALENDAR\\r\\n";
        String weekdays = "\"MONDAY\":[\"09:00-17:00\"],\"TUESDAY\":[\"09:00-17:00\"],\"WEDNESDAY\":[\"09:00-17:00\"],"
                + "\"THURSDAY\":[\"09:00-17:00\"],\"FRIDAY\":[\"09:00-17:00\"]";
        StringBuilder shiftWeek = new StringBuilder();
        for (DayOfWeek d : DayOfWeek.values()) {
            shiftWeek.append(shiftWeek.isEmpty() ? "" : ",").append('"').append(d).append("\":[\"00:00-02:30\",\"03:00-20:00\"]");
        }
        return """
                {"id":"%s","version":%d,"priority":100,"selector":{},"warnFraction":%s,
                 "calendars":{
                   "allday":{"alwaysOpen":true,"zone":"customer","fallbackZone":"UTC","holidays":["2026-12-25"],
                             "holidaysIcs":"%s"},
                   "biz":{"zone":"customer","fallbackZone":"UTC","businessDay":"8h","weeklyHours":{%s},
                          "breaks":{"DAILY":["12:00-12:30"],"SATURDAY":[],"SUNDAY":[]},
                          "overrides":{"2026-12-24":["09:00-12:00"],"2026-12-31":[],"2026-03-30":["13:00-15:00"]},
                          "holidays":["2026-12-25"],"holidaysIcs":"%s"},
                   "shift":{"zone":"customer","fallbackZone":"UTC","businessDay":"8h","weeklyHours":{%s},
                            "breaks":{"SUNDAY":["01:15-01:45"]},"overrides":{"2026-12-25":["08:00-10:00"]},
                            "holidays":["2027-01-01"]}},
                 "calendarBySeverity":{"critical":"allday","high":"biz","medium":"shift","low":"biz"},
                 "tierLimits":{"critical":{"L1":"60m","L2":"120m","L3":"240m","management":"immediate"},
                               "high":{"L1":"120m","L2":"240m","L3":"480m","management":"4h"},
                               "medium":{"L1":"240m","L2":"1d","L3":"2d","management":"1d"},
                               "low":{"L1":"1d","L2":"2d","L3":"3d","management":"on request"}},
                 "firstResponse":{"critical":"20m","high":"40m","medium":"60m","low":"120m"},
                 "customerUpdate":{"critical":"120m","high":"240m","medium":"1d"},
                 "handoffAck":"%dm",
                 "autoEscalation":{"noUpdateFor":"1d"},
                 "renotify":{"interval":"%dm","maxLevel":%d}}
                """.formatted(ID, VERSION, WARN_FRACTION, ics.formatted(newYear), weekdays, ics.formatted(boxing),
                shiftWeek, HANDOFF_ACK_MINUTES, RENOTIFY_MINUTES, RENOTIFY_MAX_LEVEL);
    }

    private static Map<DayOfWeek, List<String>> perDay(List<DayOfWeek> days, String... ranges) {
        Map<DayOfWeek, List<String>> m = new EnumMap<>(DayOfWeek.class);
        days.forEach(d -> m.put(d, List.of(ranges)));
        return m;
    }

    /** {@code dates} plus month/day every year of the model's span. */
    private static Set<LocalDate> yearly(Set<LocalDate> dates, int month, int day) {
        Set<LocalDate> all = new java.util.HashSet<>(dates);
        for (int y = 2025; y <= 2027; y++) {
            all.add(LocalDate.of(y, month, day));
        }
        return Set.copyOf(all);
    }

    private PropertyPolicy() {
    }

}
