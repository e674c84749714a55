package dev.slamonitor.processor.sla.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketStatus;
import java.time.Instant;

/**
 * The facts the processor keeps about one ticket. Immutable: {@link TicketEventApplier} returns a
 * new value per event.
 *
 * <p>Current-value fields (status, severity, tier, owner) remember the event time they were last set
 * at ({@code *At}); an event older than that does not overwrite them (last writer by event time
 * wins), so late events never roll the ticket back. Counters and activity timestamps take every
 * distinct event exactly once, whatever its order.
 */
public record Ticket(
        String ticketId,
        TicketStatus status, Instant statusAt,
        Severity severity, Instant severityAt,
        SupportTier tier, Instant tierAt,
        String owner, Instant ownerAt,
        Customer customer,
        String team,
        String channel,
        Instant openedAt,
        Instant lastEventAt,
        Instant lastAgentActivityAt,
        Instant lastCustomerActivityAt,
        int agentReplies,
        int customerReplies,
        int customerRepliesSinceAgentReply,
        int escalations,
        int tierMoves,
        Instant resolvedAt,
        String rootCause,
        Integer csat,
        long appliedEvents,
        long lateEvents) {

    @JsonIgnore
    public boolean isResolved() {
        return status.isTerminal();
    }

    @JsonIgnore
    public boolean isVip() {
        return customer != null && customer.isVip();
    }

    Ticket withStatus(TicketStatus value, Instant at) {
        return new Ticket(ticketId, value, at, severity, severityAt, tier, tierAt, owner, ownerAt, customer, team,
                channel, openedAt, lastEventAt, lastAgentActivityAt, lastCustomerActivityAt, agentReplies,
                customerReplies, customerRepliesSinceAgentReply, escalations, tierMoves, resolvedAt, rootCause, csat,
                appliedEvents, lateEvents);
    }

    Ticket withSeverity(Severity value, Instant at) {
        return new Ticket(ticketId, status, statusAt, value, at, tier, tierAt, owner, ownerAt, customer, team,
                channel, openedAt, lastEventAt, lastAgentActivityAt, lastCustomerActivityAt, agentReplies,
                customerReplies, customerRepliesSinceAgentReply, escalations, tierMoves, resolvedAt, rootCause, csat,
                appliedEvents, lateEvents);
    }

    Ticket withTier(SupportTier value, Instant at, int moves) {
        return new Ticket(ticketId, status, statusAt, severity, severityAt, value, at, owner, ownerAt, customer, team,
                channel, openedAt, lastEventAt, lastAgentActivityAt, lastCustomerActivityAt, agentReplies,
                customerReplies, customerRepliesSinceAgentReply, escalations, moves, resolvedAt, rootCause, csat,
                appliedEvents, lateEvents);
    }

    Ticket withOwner(String value, Instant at) {
        return new Ticket(ticketId, status, statusAt, severity, severityAt, tier, tierAt, value, at, customer, team,
                channel, openedAt, lastEventAt, lastAgentActivityAt, lastCustomerActivityAt, agentReplies,
                customerReplies, customerRepliesSinceAgentReply, escalations, tierMoves, resolvedAt, rootCause, csat,
                appliedEvents, lateEvents);
    }

    Ticket withActivity(Instant agentAt, Instant customerAt, int agent, int customer, int customerSinceAgent) {
        return new Ticket(ticketId, status, statusAt, severity, severityAt, tier, tierAt, owner, ownerAt,
                this.customer, team, channel, openedAt, lastEventAt, agentAt, customerAt, agent, customer,
                customerSinceAgent, escalations, tierMoves, resolvedAt, rootCause, csat, appliedEvents, lateEvents);
    }

    Ticket withEscalations(int value) {
        return new Ticket(ticketId, status, statusAt, severity, severityAt, tier, tierAt, owner, ownerAt, customer,
                team, channel, openedAt, lastEventAt, lastAgentActivityAt, lastCustomerActivityAt, agentReplies,
                customerReplies, customerRepliesSinceAgentReply, value, tierMoves, resolvedAt, rootCause, csat,
                appliedEvents, lateEvents);
    }

    Ticket withResolution(Instant at, String cause) {
        return new Ticket(ticketId, status, statusAt, severity, severityAt, tier, tierAt, owner, ownerAt, customer,
                team, channel, openedAt, lastEventAt, lastAgentActivityAt, lastCustomerActivityAt, agentReplies,
                customerReplies, customerRepliesSinceAgentReply, escalations, tierMoves, at, cause, csat,
                appliedEvents, lateEvents);
    }

    Ticket withCsat(Integer score) {
        return new Ticket(ticketId, status, statusAt, severity, severityAt, tier, tierAt, owner, ownerAt, customer,
                team, channel, openedAt, lastEventAt, lastAgentActivityAt, lastCustomerActivityAt, agentReplies,
                customerReplies, customerRepliesSinceAgentReply, escalations, tierMoves, resolvedAt, rootCause, score,
                appliedEvents, lateEvents);
    }

    Ticket counted(Instant eventAt) {
        boolean late = lastEventAt != null && eventAt.isBefore(lastEventAt);
        Instant newest = lastEventAt == null || eventAt.isAfter(lastEventAt) ? eventAt : lastEventAt;
        return new Ticket(ticketId, status, statusAt, severity, severityAt, tier, tierAt, owner, ownerAt, customer,
                team, channel, openedAt, newest, lastAgentActivityAt, lastCustomerActivityAt, agentReplies,
                customerReplies, customerRepliesSinceAgentReply, escalations, tierMoves, resolvedAt, rootCause, csat,
                appliedEvents + 1, lateEvents + (late ? 1 : 0));
    }
}
