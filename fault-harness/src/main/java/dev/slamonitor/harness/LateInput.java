package dev.slamonitor.harness;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each published event was acknowledged by the cluster (acks=all: in Kafka, visible to
 * read_committed consumers), against when the workload planned it. The engine's rule is that events
 * already in Kafka at a deadline win over the timer; an event the cluster acknowledged only after the
 * deadline (a broker failure held the write, e.g. the active KRaft controller killed, so the ISR
 * shrank only once the next controller fenced the dead broker) cannot win, and the engine corrects
 * the alert when the event arrives. An alert the oracle did not expect is "explained by late input"
 * when its ticket had an event planned before the alert's due time that the cluster acknowledged at
 * or after it (or never). Thread-safe: producer callbacks record.
 */
final class LateInput {

    private record Write(String ticketId, Instant plannedAt) {
    }

    private final Map<String, Write> planned = new ConcurrentHashMap<>();
    private final Map<String, Instant> acked = new ConcurrentHashMap<>();

    void sent(String eventId, String ticketId, Instant plannedAt) {
        planned.put(eventId, new Write(ticketId, plannedAt));
    }

    void acknowledged(String eventId, Instant at) {
        acked.putIfAbsent(eventId, at);
    }

    /** Whether an event of {@code ticketId} planned before {@code due} was acknowledged only at or after it. */
    boolean explains(String ticketId, Instant due) {
        return planned.entrySet().stream().anyMatch(e -> e.getValue().ticketId().equals(ticketId)
                && e.getValue().plannedAt().isBefore(due)
                && (!acked.containsKey(e.getKey()) || !acked.get(e.getKey()).isBefore(due)));
    }

    /** The events of {@code ticketId} with planned and acknowledged instants, for the report's samples. */
    List<String> describe(String ticketId) {
        return planned.entrySet().stream().filter(e -> e.getValue().ticketId().equals(ticketId)).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " planned " + e.getValue().plannedAt() + " acked " + acked.get(e.getKey())).toList();
    }
}
