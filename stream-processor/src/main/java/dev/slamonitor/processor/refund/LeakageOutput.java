package dev.slamonitor.processor.refund;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.refund.LeakageView;

/** What the leakage ledger emits: a refreshed view (key: period) or a remediation alert; exactly one is set. */
record LeakageOutput(LeakageView view, Alert alert) {
}
