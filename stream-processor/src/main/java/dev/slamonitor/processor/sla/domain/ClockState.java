package dev.slamonitor.processor.sla.domain;

/**
 * Lifecycle of one clock cycle: RUNNING and PAUSED are active; SATISFIED (its event came in time),
 * BREACHED (its deadline passed) and STOPPED (no longer relevant, e.g. ticket resolved) are final
 * for the cycle. A restart (reopen, new tier, new agent reply, new handoff) begins a new cycle.
 */
public enum ClockState {
    RUNNING, PAUSED, SATISFIED, BREACHED, STOPPED;

    public boolean isActive() {
        return this == RUNNING || this == PAUSED;
    }
}
