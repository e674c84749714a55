package dev.slamonitor.state;

import java.time.Instant;

/**
 * One SLA clock event in the snapshot, like Zendesk's ticket metric events: {@code activate},
 * {@code pause}, {@code resume}, {@code fulfil}, {@code stop}, {@code breach} (at the deadline),
 * {@code breach_end} (a breached cycle stopped counting) and {@code update} (new goal or calendar).
 *
 * @param goalMillis the goal from then on, for activate / breach / update; null otherwise
 */
public record SlaEventView(String clock, int cycle, String type, Instant at, Long goalMillis) {
}
