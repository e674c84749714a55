package dev.slamonitor.processor.sla.domain;

import java.time.Instant;

/**
 * What every part of one engine step reads and none changes: the ticket after the step's input,
 * the policy in force and the step's wall-clock time (the firing time of every alert it emits).
 */
record StepFacts(Ticket ticket, SlaPolicy policy, Instant now) {

    /** The named calendar of the policy for this ticket's customer; the severity's calendar if the name is gone. */
    BusinessCalendar calendar(String name) {
        return policy.calendar(name, ticket);
    }

    /** The name of the calendar the policy gives the ticket's current severity. */
    String severityCalendarName() {
        return policy.calendarBySeverity().get(ticket.severity());
    }

    /** When the next re-notification of a chain on {@code calendarName} is due, counted from now. */
    Instant nextRenotifyAt(String calendarName) {
        BusinessCalendar cal = calendar(calendarName);
        return cal.addBusinessTime(now, policy.renotify().interval().toBusinessMillis(cal.businessDayMillis()));
    }
}
