package dev.slamonitor.processor.sla.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference model's calendars, written from docs/sla-engine.md and independent of the engine's
 * calendar code: whether each single minute is business time, as a bitmap per calendar and zone
 * over the model's time span. The policy the engine reads ({@link PropertyPolicy}) declares the same
 * calendars as policy data, with some holidays as iCalendar recurrences that the model lists as
 * plain dates.
 *
 * <p>Rule of a minute (docs, "Business calendars"): the local date's override hours if the date has
 * an override; else closed on a holiday; else the weekday's hours minus the breaks. A range is the
 * real interval from the instant of its opening time to the instant of its closing time that day
 * (a local time in a DST gap moves later by the gap; one in a DST overlap takes the earlier offset).
 */
public final class ModelCalendars {

    /** The model covers whole minutes from here ... */
    public static final Instant SPAN_START = Instant.parse("2025-12-01T00:00:00Z");
    /** ... to here. */
    public static final Instant SPAN_END = Instant.parse("2027-04-01T00:00:00Z");
    public static final int MINUTES = (int) ((SPAN_END.getEpochSecond() - SPAN_START.getEpochSecond()) / 60);

    /** One calendar: weekly hours, breaks per weekday, per-date overrides, holiday dates; "HH:MM-HH:MM" texts. */
    public record Def(String name, boolean alwaysOpen, long businessDayMinutes, Map<DayOfWeek, List<String>> weekly,
                      Map<DayOfWeek, List<String>> breaks, Map<LocalDate, List<String>> overrides, Set<LocalDate> holidays) {
    }

    private static final Map<String, BitSet> CACHE = new ConcurrentHashMap<>();

    private ModelCalendars() {
    }

    /** Minute index of an instant (floor). */
    public static int minute(Instant t) {
        return (int) Math.floorDiv(t.getEpochSecond() - SPAN_START.getEpochSecond(), 60);
    }

    public static Instant instant(int minute) {
        return SPAN_START.plusSeconds(60L * minute);
    }

    /** Whether minute {@code m} (the minute starting at {@link #instant(int)}) is business time. */
    public static boolean open(Def cal, ZoneId zone, int m) {
        return bitmap(cal, zone).get(m);
    }

    private static BitSet bitmap(Def cal, ZoneId zone) {
        return CACHE.computeIfAbsent(cal.name() + "@" + zone.getId(), k -> build(cal, zone));
    }

    private static BitSet build(Def cal, ZoneId zone) {
        if ("clock".equals(System.getProperty("sla.model.dst"))) {
            return buildByClockReading(cal, zone);
        }
        BitSet bits = new BitSet(MINUTES);
        LocalDate first = SPAN_START.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = SPAN_END.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (String range : hoursOn(cal, d)) {
                String[] parts = range.split("-");
                Instant open = at(d, parts[0], zone);
                Instant close = at(d, parts[1], zone);
                for (int m = Math.max(0, ceilMinute(open)); m < Math.min(MINUTES, ceilMinute(close)); m++) {
                    bits.set(m);
                }
            }
        }
        return bits;
    }

    /**
     * The other reading of DST boundaries, to check that the convention matters where expected
     * ({@code -Dsla.model.dst=clock}): a minute is open when the local clock shows a time inside a
     * range, so a boundary inside a DST gap opens or closes at the end of the gap, and the repeated
     * hour of an overlap counts twice.
     */
    private static BitSet buildByClockReading(Def cal, ZoneId zone) {
        BitSet bits = new BitSet(MINUTES);
        Map<LocalDate, List<String>> days = new java.util.HashMap<>();
        for (int m = 0; m < MINUTES; m++) {
            LocalDateTime local = LocalDateTime.ofInstant(instant(m), zone);
            int minuteOfDay = local.getHour() * 60 + local.getMinute();
            for (String range : days.computeIfAbsent(local.toLocalDate(), d -> hoursOn(cal, d))) {
                String[] parts = range.split("-");
                if (minuteOfDay >= minuteOfDay(parts[0]) && minuteOfDay < minuteOfDay(parts[1])) {
                    bits.set(m);
                }
            }
        }
        return bits;
    }

    /** The open ranges of one date, with the breaks cut out, as "HH:MM-HH:MM" texts. */
    private static List<String> hoursOn(Def cal, LocalDate d) {
        if (cal.overrides().containsKey(d)) {
            return cal.overrides().get(d);
        }
        if (cal.holidays().contains(d)) {
            return List.of();
        }
        if (cal.alwaysOpen()) {
            return List.of("00:00-24:00");
        }
        List<String> open = cal.weekly().getOrDefault(d.getDayOfWeek(), List.of());
        List<String> breaks = cal.breaks().getOrDefault(d.getDayOfWeek(), List.of());
        // cut minute by minute of the local day: simple and obviously right for HH:MM ranges
        boolean[] day = new boolean[24 * 60 + 1];
        for (String r : open) {
            mark(day, r, true);
        }
        for (String r : breaks) {
            mark(day, r, false);
        }
        List<String> result = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i <= 24 * 60; i++) {
            boolean on = i < 24 * 60 && day[i];
            if (on && start < 0) {
                start = i;
            } else if (!on && start >= 0) {
                result.add(hhmm(start) + "-" + hhmm(i));
                start = -1;
            }
        }
        return result;
    }

    private static void mark(boolean[] day, String range, boolean value) {
        String[] parts = range.split("-");
        for (int i = minuteOfDay(parts[0]); i < minuteOfDay(parts[1]); i++) {
            day[i] = value;
        }
    }

    private static int minuteOfDay(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    private static String hhmm(int minuteOfDay) {
        return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    private static Instant at(LocalDate d, String hhmm, ZoneId zone) {
        if (hhmm.equals("24:00")) {
            return d.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return LocalDateTime.of(d, LocalTime.parse(hhmm)).atZone(zone).toInstant();
    }

    private static int ceilMinute(Instant t) {
        long s = t.getEpochSecond() - SPAN_START.getEpochSecond();
        return (int) Math.floorDiv(s + 59, 60);
    }
}
