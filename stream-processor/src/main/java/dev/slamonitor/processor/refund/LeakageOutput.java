package dev.slamonitor.processor.refund;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.refund.LeakageView;

/** What the leakage ledger emits; the kind decides the topic. */
sealed interface LeakageOutput permits LeakageOutput.View, LeakageOutput.Drift {

    /** A refreshed month or rolling view (key: period), for the leakage topic. */
    record View(LeakageView view) implements LeakageOutput {
    }

    /** A code remediation alert (or its end), for the alerts topic. */
    record Drift(Alert alert) implements LeakageOutput {
    }
}
