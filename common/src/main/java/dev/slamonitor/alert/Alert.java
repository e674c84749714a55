package dev.slamonitor.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One alert as published to the alerts topic (key: ticketId, or the tag/code for drift alerts).
 * {@link #alertId()} is derived from the alert's identity (never random), so a replayed or
 * re-processed alert carries the same id and every consumer can de-duplicate on it.
 *
 * @param subject     what the alert is about when it is not a ticket (root-cause tag, exception code)
 * @param clock       the SLA clock concerned (first_response, resolution, ...), if any
 * @param level       notification level: 0 first notice, 1.. re-notifications / next levels
 * @param reason      machine-readable trigger, e.g. tier_time_limit, customer_replies, csat_low
 * @param details     type-specific facts (counts, windows, example tickets, handoff summary, amounts)
 */
public record Alert(
        String alertId,
        AlertType type,
        String ticketId,
        String subject,
        String clock,
        Instant deadline,
        Instant firedAt,
        int level,
        String severity,
        String tier,
        String team,
        String customerId,
        String owner,
        String reason,
        String message,
        String policyId,
        Integer policyVersion,
        Map<String, Object> details) {

    /** A stable id from the parts that make an alert unique (type, ticket, clock, deadline, level ...). */
    public static String idOf(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            key.append(part).append('|');
        }
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The key the alert is published under. */
    public String partitionKey() {
        return ticketId != null ? ticketId : subject;
    }
}
