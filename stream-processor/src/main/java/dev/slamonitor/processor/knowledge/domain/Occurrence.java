package dev.slamonitor.processor.knowledge.domain;

/**
 * One resolution counted under a bucket at event time {@code atMs}. {@code rawTag} is the root cause
 * as the ticket carried it (differs from the bucket for tags outside the taxonomy, which stay
 * reportable by name).
 */
public record Occurrence(long atMs, String ticketId, String rawTag) {
}
