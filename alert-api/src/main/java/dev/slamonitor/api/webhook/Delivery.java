package dev.slamonitor.api.webhook;

import dev.slamonitor.alert.Alert;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;

/** One alert to deliver to one receiver, with where it came from (for the commit and a dead letter). */
record Delivery(Alert alert, byte[] raw, String key, TopicPartition source, long offset, Instant receivedAt) {
}
