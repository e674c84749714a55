package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.processor.kernel.Rejection;

/** What the per-tag step emits; exactly one field is set, and it decides the output topic. */
record TagOutput(Alert alert, RootCauseStats stats, RemediationItem item, Rejection rejection) {

    static TagOutput of(Alert alert) {
        return new TagOutput(alert, null, null, null);
    }

    static TagOutput of(RootCauseStats stats) {
        return new TagOutput(null, stats, null, null);
    }

    static TagOutput of(RemediationItem item) {
        return new TagOutput(null, null, item, null);
    }

    static TagOutput of(Rejection rejection) {
        return new TagOutput(null, null, null, rejection);
    }
}
