package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.deadletter.DeadLetterReason;

/** The outcome of applying one event to a ticket: the new ticket, or why the event cannot apply. */
public record ApplyResult(Ticket ticket, DeadLetterReason refusal, String detail) {

    public static ApplyResult applied(Ticket ticket) {
        return new ApplyResult(ticket, null, null);
    }

    public static ApplyResult refused(DeadLetterReason reason, String detail) {
        return new ApplyResult(null, reason, detail);
    }

    public boolean isApplied() {
        return ticket != null;
    }
}
