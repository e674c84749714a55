package dev.slamonitor.processor.refund;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.refund.domain.LeakageEntry;
import dev.slamonitor.refund.ApprovalRecord;

/** What the refund processor emits; exactly one field is set, and it decides the output topic. */
record RefundOutput(Alert alert, ApprovalRecord approval, LeakageEntry leakage, Rejection rejection) {

    static RefundOutput of(Alert alert) {
        return new RefundOutput(alert, null, null, null);
    }

    static RefundOutput of(ApprovalRecord approval) {
        return new RefundOutput(null, approval, null, null);
    }

    static RefundOutput of(LeakageEntry leakage) {
        return new RefundOutput(null, null, leakage, null);
    }

    static RefundOutput of(Rejection rejection) {
        return new RefundOutput(null, null, null, rejection);
    }
}
