package dev.slamonitor.processor.knowledge.domain;

import java.util.List;

/**
 * Distinct tickets in one window {@code [endMs - length, endMs]} (both ends inclusive, like Kafka
 * Streams' sliding windows), with their ids in order of occurrence.
 */
public record WindowCount(long endMs, long lengthMs, List<String> ticketIds) {

    public long count() {
        return ticketIds.size();
    }

    public long startMs() {
        return endMs - lengthMs;
    }

    /** The {@code n} most recent tickets of the window. */
    public List<String> examples(int n) {
        return ticketIds.subList(Math.max(0, ticketIds.size() - n), ticketIds.size());
    }
}
