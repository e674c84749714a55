package dev.slamonitor.alert;

import java.time.Instant;

/** An acknowledgement of one alert by a person (alert-acks topic, key: ticketId). */
public record AlertAck(String ackId, String alertId, String ticketId, String by, String note, Instant at) {
}
