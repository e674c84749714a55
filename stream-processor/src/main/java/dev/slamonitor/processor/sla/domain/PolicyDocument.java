package dev.slamonitor.processor.sla.domain;

import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a policy on the {@code sla-policies} topic, before validation. Every field is
 * text or a plain number so that {@link PolicyReader} can report every problem at once, by path.
 * Unknown fields are refused by the shared mapper.
 */
public record PolicyDocument(
        String id,
        Integer version,
        String description,
        Integer priority,
        SelectorDoc selector,
        Double warnFraction,
        Map<String, CalendarDoc> calendars,
        Map<String, String> calendarBySeverity,
        Map<String, Map<String, String>> tierLimits,
        Map<String, String> firstResponse,
        Map<String, String> customerUpdate,
        String handoffAck,
        AutoEscalationDoc autoEscalation,
        RenotifyDoc renotify) {

    public record SelectorDoc(List<String> severities, List<String> customerTiers, List<String> teams,
                              List<String> ticketIdPrefixes) {
    }

    /**
     * Either {@code alwaysOpen: true} (optionally with zone, holidays, holidaysIcs, overrides), or
     * zone + weeklyHours (+ breaks, overrides, holidays, holidaysIcs, businessDay).
     *
     * @param breaks      weekday (or {@code DAILY}) -> ranges taken out of that day's opening hours
     * @param overrides   local date -> that date's hours instead of the weekday's ({@code []} = closed)
     * @param holidaysIcs iCalendar text whose events are holidays (yearly recurrences expanded)
     */
    public record CalendarDoc(Boolean alwaysOpen, String zone, String fallbackZone, String businessDay,
                              Map<String, List<String>> weeklyHours, List<String> holidays,
                              Map<String, List<String>> breaks, Map<String, List<String>> overrides, String holidaysIcs) {
    }

    public record AutoEscalationDoc(String noUpdateFor, Integer customerReplies, Integer csatBelow, Boolean vipAccount) {
    }

    public record RenotifyDoc(String interval, Integer maxLevel) {
    }
}
