package dev.slamonitor.processor.sla;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EscalationType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketStatus;
import dev.slamonitor.processor.sla.domain.SeenEvents;
import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TicketEventApplier;
import dev.slamonitor.processor.sla.domain.TicketRetention;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-ticket values as the engine really builds them (clocks, alerts, a handoff, history, seen ids),
 * by scenario name: the shapes the stored samples of older formats were written from.
 */
final class StoreSampleScenarios {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final SlaPolicy POLICY = SlaPolicyChannel.defaultPolicy();
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));

    private StoreSampleScenarios() {
    }

    static Map<String, TrackedTicket> all() {
        Map<String, TrackedTicket> values = new LinkedHashMap<>();
        values.put("opened", run("S-1", List.of(opened("S-1", Severity.CRITICAL, T0))));
        values.put("replied", run("S-2", List.of(opened("S-2", Severity.HIGH, T0),
                e(EventType.CUSTOMER_REPLIED, "S-2", T0.plusSeconds(60)).build(),
                e(EventType.AGENT_REPLIED, "S-2", T0.plusSeconds(120)).build())));
        values.put("escalated-breached", run("S-3", List.of(opened("S-3", Severity.CRITICAL, T0),
                e(EventType.ESCALATED, "S-3", T0.plusSeconds(300)).fromTier(SupportTier.L1).toTier(SupportTier.L2)
                        .escalationType(EscalationType.FUNCTIONAL)
                        .handoff(new Handoff("db down", List.of("restarted", "checked logs"), "needs DBA", "all users",
                                "fix in 1 h")).build(),
                e(EventType.STATUS_CHANGED, "S-3", T0.plusSeconds(400)).status(TicketStatus.PENDING_CUSTOMER).build(),
                e(EventType.STATUS_CHANGED, "S-3", T0.plusSeconds(5000)).status(TicketStatus.OPEN).build()),
                T0.plus(Duration.ofHours(3))));
        values.put("resolved", run("S-4", List.of(opened("S-4", Severity.LOW, T0),
                e(EventType.AGENT_REPLIED, "S-4", T0.plusSeconds(60)).build(),
                e(EventType.RESOLVED, "S-4", T0.plusSeconds(600)).rootCause("config-drift").resolutionSummary("fixed").build()),
                T0.plusSeconds(700)));
        return values;
    }

    private static TicketEvent.Builder e(EventType type, String ticketId, Instant at) {
        return TicketEvent.builder(type, ticketId + "-" + type + "-" + at.getEpochSecond(), ticketId, at);
    }

    private static TicketEvent opened(String ticketId, Severity severity, Instant at) {
        return e(EventType.TICKET_OPENED, ticketId, at).severity(severity)
                .customer(new Customer("C-" + ticketId, "business", ticketId.endsWith("3"), "Europe/Berlin"))
                .team("payments").channel("email").tier(SupportTier.L1).build();
    }

    private static TrackedTicket run(String id, List<TicketEvent> events) {
        return run(id, events, null);
    }

    /** Applies the events in order, then (if {@code timerAt} is set) fires the ticket's timers up to it. */
    private static TrackedTicket run(String id, List<TicketEvent> events, Instant timerAt) {
        Ticket ticket = null;
        SlaState sla = null;
        SeenEvents seen = SeenEvents.NONE;
        for (TicketEvent event : events) {
            Ticket after = TicketEventApplier.apply(ticket, event).ticket();
            sla = SlaEngine.onEvent(sla, ticket, after, event, POLICY, RETENTION, event.occurredAt()).state();
            ticket = after;
            seen = seen.plus(event.eventId(), event.occurredAt().toEpochMilli(), Duration.ofDays(7).toMillis(), 100);
        }
        if (timerAt != null) {
            sla = SlaEngine.onTimer(sla, ticket, POLICY, RETENTION, timerAt).state();
        }
        return new TrackedTicket(ticket, sla, seen);
    }
}
