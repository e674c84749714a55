package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One validated SLA policy: which tickets it applies to and every number of the SLA semantics.
 * Immutable; built only by {@link PolicyReader}, which guarantees every severity has a calendar,
 * a first-response target and a row of the escalation matrix.
 *
 * @param tierLimits   the escalation matrix: per severity, the time a ticket may spend at each tier
 *                     (L1-L3) and the management notice time (management column); an absent entry
 *                     is "on request" (no clock)
 * @param customerUpdate update cadence per severity; absent: no cadence clock
 */
public record SlaPolicy(
        String id,
        int version,
        String description,
        int priority,
        Selector selector,
        double warnFraction,
        Map<String, CalendarSpec> calendars,
        Map<Severity, String> calendarBySeverity,
        Map<Severity, Map<SupportTier, PolicyDuration>> tierLimits,
        Map<Severity, PolicyDuration> firstResponse,
        Map<Severity, PolicyDuration> customerUpdate,
        PolicyDuration handoffAck,
        AutoEscalation autoEscalation,
        Renotify renotify) {

    /** Which tickets a policy applies to; an empty set matches everything. */
    public record Selector(Set<Severity> severities, Set<String> customerTiers, Set<String> teams,
                           List<String> ticketIdPrefixes) {

        public boolean matches(Ticket t) {
            return (severities.isEmpty() || severities.contains(t.severity()))
                    && (customerTiers.isEmpty() || (t.customer() != null && customerTiers.contains(t.customer().tier())))
                    && (teams.isEmpty() || teams.contains(t.team()))
                    && (ticketIdPrefixes.isEmpty() || ticketIdPrefixes.stream().anyMatch(p -> t.ticketId().startsWith(p)));
        }
    }

    /** Triggers that escalate a ticket whatever its clocks say; a null field disables the trigger. */
    public record AutoEscalation(PolicyDuration noUpdateFor, Integer customerReplies, Integer csatBelow,
                                 boolean vipAccount) {
    }

    /** Pager-style re-notification of unacknowledged BREACH / ESCALATION alerts. */
    public record Renotify(PolicyDuration interval, int maxLevel) {
    }

    /** The calendar a ticket of this severity runs on. */
    public CalendarSpec calendarFor(Severity severity) {
        return calendars.get(calendarBySeverity.get(severity));
    }

    /**
     * The named calendar for one ticket (resolving "customer" zones from its customer); the
     * severity's calendar if the name is not (or no longer) part of this policy.
     */
    public BusinessCalendar calendar(String name, Ticket ticket) {
        CalendarSpec spec = name == null ? null : calendars.get(name);
        if (spec == null) {
            spec = calendarFor(ticket.severity());
        }
        return spec.resolve(ticket.customer() == null ? null : ticket.customer().timeZone());
    }

    /** The target of a clock for a ticket of this severity at this tier; empty when the clock does not run. */
    public Optional<PolicyDuration> target(ClockKind kind, Severity severity, SupportTier tier) {
        return switch (kind) {
            case FIRST_RESPONSE -> Optional.ofNullable(firstResponse.get(severity));
            case RESOLUTION -> tier == SupportTier.MANAGEMENT ? Optional.empty()
                    : Optional.ofNullable(tierLimits.get(severity).get(tier));
            case CUSTOMER_UPDATE -> Optional.ofNullable(customerUpdate.get(severity));
            case HANDOFF_ACK -> Optional.ofNullable(handoffAck);
            case NO_UPDATE -> Optional.ofNullable(autoEscalation.noUpdateFor());
            case MANAGEMENT_NOTICE -> Optional.ofNullable(tierLimits.get(severity).get(SupportTier.MANAGEMENT));
        };
    }

    /** "id v3", as logged and shown. */
    public String ref() {
        return id + " v" + version;
    }
}
