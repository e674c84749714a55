package dev.slamonitor.state;

import java.time.Instant;

/** An alert a ticket has raised, as listed in its snapshot. */
public record AlertSummary(String alertId, String type, String clock, String reason, int level,
                           Instant firedAt, boolean acknowledged) {
}
