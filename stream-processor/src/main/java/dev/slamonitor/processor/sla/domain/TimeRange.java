package dev.slamonitor.processor.sla.domain;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours (or a break) within one local day, {@code HH:MM-HH:MM} or with seconds
 * {@code HH:MM:SS-HH:MM:SS}; the end may be {@code 24:00} (midnight of the next day). Invariant:
 * start is before end, so a range never crosses midnight.
 */
public record TimeRange(LocalTime start, LocalTime end, boolean untilMidnight) {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d{2}):(\\d{2})(?::(\\d{2}))?-(\\d{2}):(\\d{2})(?::(\\d{2}))?");
    /** The whole day, as a 24/7 calendar with holidays uses for its open days. */
    public static final TimeRange WHOLE_DAY = new TimeRange(LocalTime.MIDNIGHT, LocalTime.MAX, true);

    public static TimeRange parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time range; expected HH:MM-HH:MM or HH:MM:SS-HH:MM:SS,"
                    + " e.g. 09:00-17:00");
        }
        LocalTime start = time(m.group(1), m.group(2), m.group(3), text);
        boolean midnight = m.group(4).equals("24") && m.group(5).equals("00") && (m.group(6) == null || m.group(6).equals("00"));
        LocalTime end = midnight ? LocalTime.MAX : time(m.group(4), m.group(5), m.group(6), text);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("'" + text + "' ends before it starts; a range cannot cross midnight");
        }
        return new TimeRange(start, end, midnight);
    }

    private static LocalTime time(String h, String m, String s, String text) {
        int hour = Integer.parseInt(h);
        int minute = Integer.parseInt(m);
        int second = s == null ? 0 : Integer.parseInt(s);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException("'" + text + "' has an invalid time of day");
        }
        return LocalTime.of(hour, minute, second);
    }

    boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** This range minus the given breaks (sorted by start): the pieces that stay open, in order. */
    List<TimeRange> minus(List<TimeRange> breaks) {
        List<TimeRange> pieces = new ArrayList<>();
        LocalTime from = start;
        for (TimeRange b : breaks) {
            if (!b.end.isAfter(from) || !b.start.isBefore(end)) {
                continue;
            }
            if (b.start.isAfter(from)) {
                pieces.add(new TimeRange(from, b.start, false));
            }
            from = b.end;
            if (b.untilMidnight || !from.isBefore(end)) {
                return pieces;
            }
        }
        pieces.add(new TimeRange(from, end, untilMidnight));
        return pieces;
    }

    @Override
    public String toString() {
        return start + "-" + (untilMidnight ? "24:00" : end.toString());
    }
}
