package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.processor.kernel.Rejection;

/**
 * What the per-tag step emits; the kind decides the topic ({@link KnowledgeTopology} routes each with
 * {@link dev.slamonitor.processor.kernel.OutputRoutes}).
 */
sealed interface TagOutput permits TagOutput.Raised, TagOutput.Stats, TagOutput.Item, TagOutput.Refused {

    /** A drift, knowledge-gap or remediation-overdue alert (or its end), for the alerts topic. */
    record Raised(Alert alert) implements TagOutput {
    }

    /** A bucket's refreshed root-cause statistics, for the stats topic. */
    record Stats(RootCauseStats stats) implements TagOutput {
    }

    /** A remediation item opened, changed or closed, for the items topic. */
    record Item(RemediationItem item) implements TagOutput {
    }

    /** A close request refused (unknown or closed item), for the dead-letter topic. */
    record Refused(Rejection rejection) implements TagOutput {
    }
}
