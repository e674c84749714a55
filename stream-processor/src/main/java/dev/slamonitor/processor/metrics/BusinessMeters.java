package dev.slamonitor.processor.metrics;

import dev.slamonitor.event.Severity;
import dev.slamonitor.processor.metrics.domain.Observation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records {@link Observation}s on the agreed business meters (names in docs/metrics.md). Label
 * values are the wire spellings of the enums ({@code critical}, {@code L2}, {@code management}).
 *
 * <p>Escalation rate is {@code slamon_time_to_escalate_seconds_count / slamon_tickets_opened_total}:
 * the timer counts each ticket's first escalation once, while {@code slamon_tickets_escalated_total}
 * counts every tier move (including bounces back), which is what the L2 resolution rate divides by.
 */
public final class BusinessMeters {

    public static final String OPENED = "slamon.tickets.opened";
    public static final String ESCALATED = "slamon.tickets.escalated";
    public static final String RESOLVED = "slamon.tickets.resolved";
    public static final String REESCALATED = "slamon.tickets.reescalated";
    public static final String TIME_TO_ESCALATE = "slamon.time.to.escalate";
    public static final String CSAT_ESCALATED = "slamon.csat.escalated";

    private final MeterRegistry registry;

    public BusinessMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Observation observation) {
        // Java 17: no pattern matching for switch yet.
        if (observation instanceof Observation.Opened o) {
            Counter.builder(OPENED).description("Tickets opened")
                    .tag("severity", wire(o.severity())).register(registry).increment();
        } else if (observation instanceof Observation.Escalated e) {
            Counter.builder(ESCALATED).description("Tier moves of tickets (every ESCALATED event)")
                    .tag("severity", wire(e.severity())).tag("from_tier", e.fromTier().wire())
                    .tag("to_tier", e.toTier().wire()).register(registry).increment();
            if (e.firstEscalation()) {
                Timer.builder(TIME_TO_ESCALATE).description("Event time from opening to a ticket's first escalation")
                        .tag("severity", wire(e.severity())).register(registry).record(e.sinceOpened());
            }
        } else if (observation instanceof Observation.Reescalated r) {
            Counter.builder(REESCALATED).description("Escalations of tickets that had been resolved before (reopened)")
                    .tag("severity", wire(r.severity())).register(registry).increment();
        } else if (observation instanceof Observation.Resolved r) {
            Counter.builder(RESOLVED).description("Tickets resolved, by the tier that resolved them")
                    .tag("severity", wire(r.severity())).tag("tier", r.tier().wire()).register(registry).increment();
        } else if (observation instanceof Observation.EscalatedCsat c) {
            DistributionSummary.builder(CSAT_ESCALATED).description("CSAT scores (1..5) of tickets that were escalated")
                    .register(registry).record(c.score());
        }
    }

    private static String wire(Severity severity) {
        return severity == null ? "unknown" : severity.wire();
    }
}
