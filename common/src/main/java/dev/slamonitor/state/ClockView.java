package dev.slamonitor.state;

import java.time.Instant;

/**
 * One SLA clock of a ticket as the snapshot shows it: its current (latest) cycle.
 *
 * @param state     RUNNING, PAUSED, SATISFIED, BREACHED or STOPPED
 * @param deadline  when the clock breaches if it keeps running (null while paused or stopped; kept once breached)
 * @param warnAt    when the warning fires (null once passed or while paused)
 * @param elapsedBusinessMillis business time consumed so far, which a pause or a policy change keeps
 *                  (at most the target; a completed cycle shows its overrun)
 * @param cycle     the cycle number (1, 2, ... after restarts); null in snapshots written before it existed
 * @param stoppedAt when the cycle stopped counting: met, stopped, or a breached cycle whose stop
 *                  condition came (ticket finished, its event, a restart); null while it counts
 * @param pausedMillis wall-clock time the cycle spent paused before its current segment
 */
public record ClockView(String name, String state, Instant startedAt, Instant deadline, Instant warnAt,
                        long targetMillis, long elapsedBusinessMillis, String calendar, Integer cycle, Instant stoppedAt,
                        Long pausedMillis) {

    /** A view without cycle, stop time and pause total, as snapshots were before cycle history. */
    public ClockView(String name, String state, Instant startedAt, Instant deadline, Instant warnAt, long targetMillis,
                     long elapsedBusinessMillis, String calendar) {
        this(name, state, startedAt, deadline, warnAt, targetMillis, elapsedBusinessMillis, calendar, null, null, null);
    }
}
