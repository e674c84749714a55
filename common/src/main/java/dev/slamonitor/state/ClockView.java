package dev.slamonitor.state;

import java.time.Instant;

/**
 * One SLA clock of a ticket as the snapshot shows it.
 *
 * @param state     RUNNING, PAUSED, SATISFIED, BREACHED or STOPPED
 * @param deadline  when the clock breaches if it keeps running (null while paused or stopped)
 * @param warnAt    when the warning fires (null once passed or while paused)
 * @param elapsedBusinessMillis business time consumed so far, which a pause or a policy change keeps
 */
public record ClockView(String name, String state, Instant startedAt, Instant deadline, Instant warnAt,
                        long targetMillis, long elapsedBusinessMillis, String calendar) {
}
