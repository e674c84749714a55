package dev.slamonitor.api.tickets;

import java.util.Set;

/**
 * A list query: tickets in any of {@code states} (empty: every open ticket) matching every non-empty
 * filter, ordered by ticketId, starting after {@code afterTicketId} (the decoded cursor).
 */
public record TicketQuery(Set<TicketState> states, Set<String> severities, Set<String> tiers, Set<String> teams,
                          Set<String> customers, int limit, String afterTicketId) {
}
