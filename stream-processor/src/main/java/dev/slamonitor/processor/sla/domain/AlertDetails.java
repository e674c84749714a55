package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.event.SupportTier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code details} maps of the engine's notices. Insertion-ordered and mutable, so that a caller
 * can add its own facts after the common ones (the published JSON keeps that order).
 */
final class AlertDetails {

    private AlertDetails() {
    }

    /** The clock's cycle, target, calendar and start. */
    static Map<String, Object> ofClock(SlaClock c, BusinessCalendar calendar) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cycle", c.cycle());
        d.put("targetMillis", c.targetMillis());
        d.put("calendar", calendar.describe());
        d.put("startedAt", c.startedAt().toString());
        return d;
    }

    /** From the ticket's tier to {@code to}, with the latest handoff note if there is one. */
    static Map<String, Object> ofEscalation(Ticket ticket, SupportTier to, HandoffNote handoff) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("fromTier", ticket.tier().wire());
        d.put("toTier", to.wire());
        if (handoff != null) {
            d.put("handoff", handoff.toDetails());
        }
        return d;
    }
}
