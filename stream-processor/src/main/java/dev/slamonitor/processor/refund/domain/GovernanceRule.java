package dev.slamonitor.processor.refund.domain;

import java.util.Locale;

/**
 * The governance rules a refund decision can break. {@link #wire()} is the alert's {@code reason},
 * the {@code rule} label of {@code slamon.refund.violations} and the entry in an approval record's
 * violations, so keep names stable.
 */
public enum GovernanceRule {
    /** Approved by a role ranked below the role the amount's band requires (or by a role the policy does not know). */
    APPROVER_ROLE_TOO_LOW,
    /** Approved although the request carried no exception code. */
    EXCEPTION_CODE_MISSING,
    /** Approved with an exception code that is not in the taxonomy. */
    EXCEPTION_CODE_UNKNOWN,
    /** Approved without a rationale where the amount or a fast-track made one mandatory. */
    RATIONALE_MISSING,
    /** A decision for a refund that was never requested. */
    DECISION_WITHOUT_REQUEST,
    /** A second approval of a refund that is already approved. */
    DUPLICATE_APPROVAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
