package dev.slamonitor.processor.refund;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.refund.domain.LeakageEntry;
import dev.slamonitor.refund.ApprovalRecord;

/**
 * What the refund processor emits; the kind decides where it goes ({@link RefundTopology} routes each
 * with {@link dev.slamonitor.processor.kernel.OutputRoutes}).
 */
sealed interface RefundOutput permits RefundOutput.Raised, RefundOutput.Approved, RefundOutput.Leaked, RefundOutput.Refused {

    /** A violation or overdue alert (or its lifecycle record), for the alerts topic. */
    record Raised(Alert alert) implements RefundOutput {
    }

    /** A decision's approval record, for the approvals topic. */
    record Approved(ApprovalRecord approval) implements RefundOutput {
    }

    /** An approved amount, for the leakage ledger (repartitioned onto its one partition). */
    record Leaked(LeakageEntry leakage) implements RefundOutput {
    }

    /** A refund event refused, for the dead-letter topic. */
    record Refused(Rejection rejection) implements RefundOutput {
    }
}
