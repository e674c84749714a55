package dev.slamonitor.processor.knowledge.domain;

import java.time.Duration;

/**
 * The rules of the knowledge loop that are policy data, carried in the taxonomy document.
 *
 * @param repeatMinimum  distinct tickets with one root cause within the longest window (this one
 *                       included) from which the root cause counts as a repeat (closure rule, repeat
 *                       escalation rate); at least 2
 * @param remediationDue time from a drift to the remediation item's due date
 * @param rcaDue         time from the resolution of an escalated ticket to its RCA deadline
 * @param maxTierMoves   tier moves a ticket may make; one more raises PING_PONG
 * @param exampleTickets how many example ticket ids a drift alert and the stats carry
 */
public record KnowledgePolicy(int repeatMinimum, String remediationDue, String rcaDue, int maxTierMoves,
                              int exampleTickets) {

    public Duration remediationDueDuration() {
        return DurationText.parse(remediationDue).orElseThrow();
    }

    public Duration rcaDueDuration() {
        return DurationText.parse(rcaDue).orElseThrow();
    }
}
