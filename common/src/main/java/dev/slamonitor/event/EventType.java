package dev.slamonitor.event;

import java.util.Arrays;
import java.util.Optional;

/** Every ticket event type of the contract; the JSON spelling is the constant name. */
public enum EventType {
    TICKET_OPENED,
    AGENT_REPLIED,
    CUSTOMER_REPLIED,
    INTERNAL_NOTE,
    STATUS_CHANGED,
    SEVERITY_CHANGED,
    ASSIGNED,
    ESCALATED,
    ACKNOWLEDGED,
    RESOLVED,
    REOPENED,
    CSAT_RECEIVED,
    RCA_PUBLISHED,
    REFUND_REQUESTED,
    REFUND_DECIDED;

    public static Optional<EventType> parse(String text) {
        return Arrays.stream(values()).filter(t -> t.name().equals(text)).findFirst();
    }
}
