package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;

/** What the per-ticket step emits: an alert (key: ticketId) or a tag input (key: its bucket). */
record KnowledgeOutput(Alert alert, TagInput tagInput) {
}
