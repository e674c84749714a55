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
 * ticket has none), so one policy serves customers in every zone.
 */
public record CalendarSpec(String name, boolean alwaysOpen, String zone, ZoneId fallbackZone,
                           Map<DayOfWeek, List<TimeRange>> weeklyHours, Set<LocalDate> holidays, long businessDayMillis) {

    public static final String CUSTOMER_ZONE = "customer";

    public static CalendarSpec alwaysOpen(String name) {
        return new CalendarSpec(name, true, "UTC", ZoneId.of("UTC"), Map.of(), Set.of(), 86_400_000L);
    }

    /** The calendar for one ticket whose customer is in {@code customerTimeZone} (may be null). */
    public BusinessCalendar resolve(String customerTimeZone) {
        if (alwaysOpen) {
            return BusinessCalendar.alwaysOpen(name);
        }
        ZoneId resolved = CUSTOMER_ZONE.equals(zone) ? customerZone(customerTimeZone) : ZoneId.of(zone);
        return BusinessCalendar.businessHours(name, resolved, weeklyHours, holidays, businessDayMillis);
    }

    public boolean usesCustomerZone() {
        return !alwaysOpen && CUSTOMER_ZONE.equals(zone);
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
