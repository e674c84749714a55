package dev.slamonitor.alert;

/**
 * Where the condition behind an alert key stands. The only moves are TRIGGERED -> ACKNOWLEDGED ->
 * RESOLVED and TRIGGERED -> RESOLVED; RESOLVED is final. Re-notifications stay TRIGGERED (same key,
 * higher level). Alert records published before the lifecycle existed read as TRIGGERED.
 */
public enum AlertState {
    /** The condition holds: the first notice and every re-notification. */
    TRIGGERED,
    /** Someone took it ({@code acknowledgedBy}); the re-notify chain stopped, the condition may still hold. */
    ACKNOWLEDGED,
    /** The condition ended ({@code stateReason} says why); nothing more comes for this key. */
    RESOLVED
}
