package dev.slamonitor.processor.sla.domain;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The memory of {@link CalendarSpec#resolve}: one {@link BusinessCalendar} per calendar spec and
 * customer time zone, so that resolving a ticket's calendar (several times per event: per clock and
 * for the snapshot) is a map lookup instead of parsing a zone id and building the calendar, and so
 * that a calendar's own date memory serves every ticket on it. Resolving is a pure function of the
 * spec and the zone text, so remembering it changes no answer. Specs are keyed by identity (a spec
 * lives as long as its policy version; hashing its rules would cost more than building the
 * calendar); the memory is bounded and cleared when full, which also forgets replaced policies.
 * Thread-safe.
 */
final class ResolvedCalendars {

    /** Bound of the memory: policies x calendars x customer zones in use. */
    static final int MAX_ENTRIES = 4_096;
    private static final Map<Key, BusinessCalendar> CALENDARS = new ConcurrentHashMap<>();

    private ResolvedCalendars() {
    }

    /** The calendar of {@code spec} for {@code zoneText} (null when the spec's zone does not depend on the customer). */
    static BusinessCalendar of(CalendarSpec spec, String zoneText, Supplier<BusinessCalendar> resolve) {
        Key key = new Key(spec, zoneText);
        BusinessCalendar calendar = CALENDARS.get(key);
        if (calendar == null) {
            calendar = resolve.get();
            if (CALENDARS.size() >= MAX_ENTRIES) {
                CALENDARS.clear();
            }
            CALENDARS.put(key, calendar);
        }
        return calendar;
    }

    /** A spec by identity and a zone text by value. */
    private record Key(CalendarSpec spec, String zoneText) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.spec == spec && Objects.equals(k.zoneText, zoneText);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(spec) + (zoneText == null ? 0 : zoneText.hashCode());
        }
    }
}
