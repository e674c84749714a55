package dev.slamonitor.state;

import dev.slamonitor.event.Customer;
import java.time.Instant;
import java.util.List;

/**
 * A ticket's live state as published to the compacted state topic (key: ticketId) after every
 * change. The API serves it as is; it is a view, the stream processor's stores are the source.
 *
 * @param lastEventAt   event time of the newest event applied
 * @param appliedEvents number of distinct events applied (duplicates do not count)
 * @param updatedAt     wall-clock time the snapshot was produced
 * @param completedCycles every completed cycle of every clock, oldest first (reporting; like JSM's
 *                      completedCycles); null in snapshots written before it existed
 * @param slaEvents     the clock events (activate, pause, resume, fulfil, stop, breach, breach_end,
 *                      update), oldest first, like Zendesk's ticket metric events; bounded per ticket
 */
public record TicketSnapshot(
        String ticketId,
        String status,
        String severity,
        String tier,
        String owner,
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
        Instant resolvedAt,
        String rootCause,
        Integer csat,
        long appliedEvents,
        String policyId,
        Integer policyVersion,
        List<ClockView> clocks,
        List<AlertSummary> alerts,
        List<AckView> acks,
        Instant updatedAt,
        List<ClockCycleView> completedCycles,
        List<SlaEventView> slaEvents) {

    /** A snapshot without cycle history, as they were before it existed. */
    public TicketSnapshot(String ticketId, String status, String severity, String tier, String owner, Customer customer,
                          String team, String channel, Instant openedAt, Instant lastEventAt, Instant lastAgentActivityAt,
                          Instant lastCustomerActivityAt, int agentReplies, int customerReplies,
                          int customerRepliesSinceAgentReply, int escalations, Instant resolvedAt, String rootCause,
                          Integer csat, long appliedEvents, String policyId, Integer policyVersion, List<ClockView> clocks,
                          List<AlertSummary> alerts, List<AckView> acks, Instant updatedAt) {
        this(ticketId, status, severity, tier, owner, customer, team, channel, openedAt, lastEventAt, lastAgentActivityAt,
                lastCustomerActivityAt, agentReplies, customerReplies, customerRepliesSinceAgentReply, escalations,
                resolvedAt, rootCause, csat, appliedEvents, policyId, policyVersion, clocks, alerts, acks, updatedAt,
                null, null);
    }
}
