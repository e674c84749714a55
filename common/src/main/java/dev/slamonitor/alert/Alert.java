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
 * @param alertKey    the condition this record belongs to: shared by its trigger, re-notifications,
 *                    acknowledgement and end (the alertId of the first notice); on-call tools de-duplicate on it
 * @param state       TRIGGERED (first notice, re-notifications), ACKNOWLEDGED or RESOLVED
 * @param stateReason why the state changed: for RESOLVED the end rule (clock_satisfied, ticket_finished,
 *                    one_off ...), for ACKNOWLEDGED {@code acknowledged}; null for TRIGGERED
 * @param acknowledgedBy for ACKNOWLEDGED, the principal that acknowledged (API key name or integration)
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
        Map<String, Object> details,
        String alertKey,
        AlertState state,
        String stateReason,
        String acknowledgedBy) {

    /** Records written before the lifecycle existed read as their own key, TRIGGERED. */
    public Alert {
        if (alertKey == null) {
            alertKey = alertId;
        }
        if (state == null) {
            state = AlertState.TRIGGERED;
        }
    }

    /** A first notice (TRIGGERED, its own key); lifecycle records derive from it with {@link #resolved} / {@link #acknowledged}. */
    public Alert(String alertId, AlertType type, String ticketId, String subject, String clock, Instant deadline,
                 Instant firedAt, int level, String severity, String tier, String team, String customerId, String owner,
                 String reason, String message, String policyId, Integer policyVersion, Map<String, Object> details) {
        this(alertId, type, ticketId, subject, clock, deadline, firedAt, level, severity, tier, team, customerId, owner,
                reason, message, policyId, policyVersion, details, alertId, AlertState.TRIGGERED, null, null);
    }

    /** This record under another key (a re-notification carries its root's key). */
    public Alert withKey(String key) {
        return new Alert(alertId, type, ticketId, subject, clock, deadline, firedAt, level, severity, tier, team,
                customerId, owner, reason, message, policyId, policyVersion, details, key, state, stateReason,
                acknowledgedBy);
    }

    /** This record with other details (the same key, state and facts). */
    public Alert withDetails(Map<String, Object> newDetails) {
        return new Alert(alertId, type, ticketId, subject, clock, deadline, firedAt, level, severity, tier, team,
                customerId, owner, reason, message, policyId, policyVersion, newDetails, alertKey, state, stateReason,
                acknowledgedBy);
    }

    /**
     * The end of this alert's condition: same key, type and facts, state RESOLVED, level 0, fired
     * {@code at}; its id is derived from the key, so a key resolves once whoever computes it.
     */
    public Alert resolved(String why, Instant at, String summary) {
        return transition(AlertState.RESOLVED, why, null, at, summary);
    }

    /** The acknowledgement of this alert's condition by {@code by}: same key, state ACKNOWLEDGED. */
    public Alert acknowledged(String by, Instant at, String summary) {
        return transition(AlertState.ACKNOWLEDGED, "acknowledged", by, at, summary);
    }

    private Alert transition(AlertState next, String why, String by, Instant at, String summary) {
        return new Alert(idOf(alertKey, next), type, ticketId, subject, clock, deadline, at, 0, severity, tier, team,
                customerId, owner, reason, summary, policyId, policyVersion, details, alertKey, next, why, by);
    }

    /** True for the records that notify of a condition (first notice, re-notifications), not its lifecycle. */
    public boolean notifies() {
        return state == AlertState.TRIGGERED;
    }

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
