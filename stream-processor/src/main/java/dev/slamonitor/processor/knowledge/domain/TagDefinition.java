package dev.slamonitor.processor.knowledge.domain;

import java.util.Map;

/**
 * One root-cause tag of the taxonomy: who owns the process behind it, the playbook to follow, and
 * optional per-window thresholds (window label to count) that override the document's defaults.
 */
public record TagDefinition(String tag, String owner, String playbook, String description,
                            Map<String, Integer> thresholds) {
}
