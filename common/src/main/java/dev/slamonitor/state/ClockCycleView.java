package dev.slamonitor.state;

import java.time.Instant;

/**
 * A completed cycle of one SLA clock in the snapshot, as Jira Service Management's SLA API lists
 * "completedCycles": when it started and stopped, the goal, the business time it used, the
 * wall-clock time it was paused, and whether it was met ({@code outcome} {@code met}), stopped before
 * its deadline ({@code stopped}) or breached ({@code breached}, with {@code breachedAt}).
 */
public record ClockCycleView(String clock, int cycle, String tier, String calendar, Instant startedAt, Instant stoppedAt,
                             long goalMillis, long elapsedBusinessMillis, long pausedMillis, String outcome,
                             boolean breached, Instant breachedAt) {
}
