package dev.slamonitor.state;

import java.time.Instant;

/** An acknowledgement recorded on a ticket. */
public record AckView(String alertId, String by, String note, Instant at) {
}
