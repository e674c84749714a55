package dev.slamonitor.processor.sla.domain;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.DateTimeComponents;
import biweekly.util.Frequency;
import biweekly.util.ICalDate;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;

/**
 * Holidays from iCalendar (RFC 5545) text, as help desks export them (Jira Service Management and
 * Zammad import the same files). Parsed by the biweekly library, never by hand.
 *
 * <p>Each VEVENT closes the local dates from its DTSTART up to, not including, its DTEND (one date
 * when it has none); a time of day in DTSTART is ignored, the date is taken as written, so the dates
 * are those of the calendar's own zone. A yearly recurrence (RRULE FREQ=YEARLY, with COUNT, UNTIL,
 * BYMONTH/BYDAY such as "fourth Thursday of November", and EXDATE) is expanded up to
 * {@link #LAST_YEAR}; other frequencies are refused (weekly closures belong in the weekly hours).
 * Pure and deterministic: the result does not depend on today's date.
 */
public final class IcsHolidays {

    /** Recurring holidays are expanded up to the end of this year. */
    public static final int LAST_YEAR = 2100;
    /** Bounds on the input, so that a policy cannot make the reader expand without end. */
    public static final int MAX_CHARS = 262_144;
    public static final int MAX_DATES = 20_000;
    private static final int MAX_EVENT_DAYS = 31;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private IcsHolidays() {
    }

    /**
     * @return the holiday dates, sorted
     * @throws IllegalArgumentException saying what is wrong (not iCalendar, no events, an unsupported recurrence)
     */
    public static Set<LocalDate> parse(String ics) {
        if (ics == null || ics.isBlank()) {
            throw new IllegalArgumentException("empty; expected iCalendar text (BEGIN:VCALENDAR ... END:VCALENDAR)");
        }
        if (ics.length() > MAX_CHARS) {
            throw new IllegalArgumentException("at most " + MAX_CHARS + " characters (got " + ics.length() + ")");
        }
        List<ICalendar> calendars = Biweekly.parse(ics).all();
        if (calendars.isEmpty()) {
            throw new IllegalArgumentException("not iCalendar text (expected BEGIN:VCALENDAR ... END:VCALENDAR)");
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        int events = 0;
        for (ICalendar calendar : calendars) {
            for (VEvent event : calendar.getEvents()) {
                events++;
                addEvent(event, events, dates);
            }
        }
        if (events == 0) {
            throw new IllegalArgumentException("no VEVENT: each holiday is one event");
        }
        return dates;
    }

    private static void addEvent(VEvent event, int number, TreeSet<LocalDate> dates) {
        String which = "event " + number + (event.getSummary() == null ? "" : " (" + event.getSummary().getValue() + ")");
        if (event.getDateStart() == null || event.getDateStart().getValue() == null) {
            throw new IllegalArgumentException(which + " has no DTSTART");
        }
        LocalDate start = localDate(event.getDateStart().getValue());
        int days = 1;
        if (event.getDateEnd() != null && event.getDateEnd().getValue() != null) {
            ICalDate end = event.getDateEnd().getValue();
            LocalDate endDate = localDate(end);
            // an all-day DTEND is exclusive; a timed one closes its own date too if it ends after midnight
            long span = endDate.toEpochDay() - start.toEpochDay() + (end.hasTime() && !isMidnight(end) ? 1 : 0);
            days = (int) Math.max(1, Math.min(span, Integer.MAX_VALUE));
        }
        if (days > MAX_EVENT_DAYS) {
            throw new IllegalArgumentException(which + " lasts " + days + " days; at most " + MAX_EVENT_DAYS);
        }
        if (event.getRecurrenceRule() != null && event.getRecurrenceRule().getValue() != null
                && event.getRecurrenceRule().getValue().getFrequency() != Frequency.YEARLY) {
            throw new IllegalArgumentException(which + ": only yearly recurrences (RRULE FREQ=YEARLY) are supported, got "
                    + event.getRecurrenceRule().getValue().getFrequency());
        }
        if (event.getRecurrenceRule() == null && event.getRecurrenceDates().isEmpty()) {
            addDays(start, days, dates);
            return;
        }
        // Expanded in UTC; a timed DTSTART may fall on another UTC date than written, so every
        // occurrence is shifted by the first one's difference to the written date.
        DateIterator it = event.getDateIterator(UTC);
        Long shift = null;
        while (it.hasNext()) {
            LocalDate utcDate = it.next().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            if (shift == null) {
                shift = start.toEpochDay() - utcDate.toEpochDay();
            }
            LocalDate occurrence = utcDate.plusDays(shift);
            if (occurrence.getYear() > LAST_YEAR) {
                break;
            }
            addDays(occurrence, days, dates);
        }
    }

    private static void addDays(LocalDate first, int days, TreeSet<LocalDate> dates) {
        for (int i = 0; i < days; i++) {
            dates.add(first.plusDays(i));
        }
        if (dates.size() > MAX_DATES) {
            throw new IllegalArgumentException("more than " + MAX_DATES + " holiday dates");
        }
    }

    private static LocalDate localDate(ICalDate date) {
        DateTimeComponents raw = date.getRawComponents();
        if (raw != null) {
            return LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate());
        }
        return ((Date) date).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static boolean isMidnight(ICalDate date) {
        DateTimeComponents raw = date.getRawComponents();
        return raw != null && raw.getHour() == 0 && raw.getMinute() == 0 && raw.getSecond() == 0;
    }
}
