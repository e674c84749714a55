package dev.slamonitor.processor.sla.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A calendar as a policy declares it. The zone may be {@link #CUSTOMER_ZONE}: the calendar is then
 * resolved per ticket from the customer's time zone (falling back to {@code fallbackZone} when the
 * ticket has none), so one policy serves customers in every zone. A 24/7 calendar ({@code alwaysOpen})
 * may carry holidays and per-date overrides; its zone then says whose dates they are.
 */
public record CalendarSpec(String name, boolean alwaysOpen, String zone, ZoneId fallbackZone, CalendarRules rules,
                           long businessDayMillis) {

    public static final String CUSTOMER_ZONE = "customer";

    /** Weekly hours and holidays only, as calendars were before overrides and breaks. */
    public CalendarSpec(String name, boolean alwaysOpen, String zone, ZoneId fallbackZone,
                        Map<DayOfWeek, List<TimeRange>> weeklyHours, Set<LocalDate> holidays, long businessDayMillis) {
        this(name, alwaysOpen, zone, fallbackZone, CalendarRules.weekly(weeklyHours, holidays), businessDayMillis);
    }

    public static CalendarSpec alwaysOpen(String name) {
        return new CalendarSpec(name, true, "UTC", ZoneId.of("UTC"), CalendarRules.allDay(Map.of(), Set.of()), 86_400_000L);
    }

    /**
     * The calendar for one ticket whose customer is in {@code customerTimeZone} (may be null); the same
     * instance for the same spec and zone ({@link ResolvedCalendars}).
     */
    public BusinessCalendar resolve(String customerTimeZone) {
        String zoneText = CUSTOMER_ZONE.equals(zone) ? customerTimeZone : null;
        return ResolvedCalendars.of(this, zoneText, () -> build(customerTimeZone));
    }

    private BusinessCalendar build(String customerTimeZone) {
        ZoneId resolved = CUSTOMER_ZONE.equals(zone) ? customerZone(customerTimeZone) : ZoneId.of(zone);
        if (alwaysOpen) {
            return rules.hasDateRules() ? BusinessCalendar.alwaysOpen(name, resolved, rules.overrides(), rules.holidays())
                    : BusinessCalendar.alwaysOpen(name);
        }
        return BusinessCalendar.businessHours(name, resolved, rules, businessDayMillis);
    }

    public boolean usesCustomerZone() {
        return CUSTOMER_ZONE.equals(zone) && (!alwaysOpen || rules.hasDateRules());
    }

    private ZoneId customerZone(String customerTimeZone) {
        if (customerTimeZone == null || customerTimeZone.isBlank()) {
            return fallbackZone;
        }
        try {
            return ZoneId.of(customerTimeZone);
        } catch (DateTimeException e) {
            return fallbackZone;
        }
    }
}
