package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;

/**
 * What the per-ticket step emits; the kind decides where it goes ({@link KnowledgeTopology} routes
 * each with {@link dev.slamonitor.processor.kernel.OutputRoutes}).
 */
sealed interface KnowledgeOutput permits KnowledgeOutput.Raised, KnowledgeOutput.Resolved {

    /** A handoff, ping-pong or RCA alert (key: ticketId), for the alerts topic. */
    record Raised(Alert alert) implements KnowledgeOutput {
    }

    /** A resolution to count (key: its bucket), for the per-tag step through the repartition topic. */
    record Resolved(TagInput tagInput) implements KnowledgeOutput {
    }
}
