package dev.slamonitor.processor.sla.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One completed cycle of one SLA clock, as Jira Service Management lists "completed cycles" and a
 * report needs them: when it started and stopped, how long it was paused (wall-clock time), how much
 * business time it used against its goal, and whether it was met or breached.
 *
 * @param outcome          {@code met} (its event came in time), {@code stopped} (no longer relevant
 *                         before its deadline, e.g. the ticket was resolved or the cycle restarted) or
 *                         {@code breached}
 * @param breachedAt       the deadline that passed, for a breached cycle; null otherwise
 * @param elapsedBusinessMillis business time from start to stop; more than the goal for a breached cycle
 */
public record ClockCycle(String clock, int cycle, String tier, String calendar, Instant startedAt, Instant stoppedAt,
                         long pausedMillis, long elapsedBusinessMillis, long goalMillis, String outcome, Instant breachedAt) {

    public static final String MET = "met";
    public static final String STOPPED = "stopped";
    public static final String BREACHED = "breached";

    @JsonIgnore
    public boolean breached() {
        return BREACHED.equals(outcome);
    }
}
