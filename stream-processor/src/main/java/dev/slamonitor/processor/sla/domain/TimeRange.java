package dev.slamonitor.processor.sla.domain;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours within one local day, {@code HH:MM-HH:MM}; the end may be {@code 24:00} (midnight of
 * the next day). Invariant: start is before end, so a range never crosses midnight.
 */
public record TimeRange(LocalTime start, LocalTime end, boolean untilMidnight) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");

    public static TimeRange parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an opening range; expected HH:MM-HH:MM, e.g. 09:00-17:00");
        }
        LocalTime start = time(m.group(1), m.group(2), text);
        boolean midnight = m.group(3).equals("24") && m.group(4).equals("00");
        LocalTime end = midnight ? LocalTime.MAX : time(m.group(3), m.group(4), text);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("'" + text + "' ends before it starts; a range cannot cross midnight");
        }
        return new TimeRange(start, end, midnight);
    }

    private static LocalTime time(String h, String m, String text) {
        int hour = Integer.parseInt(h);
        int minute = Integer.parseInt(m);
        if (hour > 23 || minute > 59) {
            throw new IllegalArgumentException("'" + text + "' has an invalid time of day");
        }
        return LocalTime.of(hour, minute);
    }

    boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    @Override
    public String toString() {
        return start + "-" + (untilMidnight ? "24:00" : end.toString());
    }
}
