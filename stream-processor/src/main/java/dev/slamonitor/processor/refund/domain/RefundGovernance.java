package dev.slamonitor.processor.refund.domain;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.refund.domain.GovernancePolicy.Band;
import dev.slamonitor.refund.ApprovalRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The governance rules of one refund, applied to its request and its decisions. Pure: no clock, no
 * I/O; the policy in force and the ticket's team are passed in.
 *
 * <p>Rules are checked on approvals only (a rejection pays nothing out), except "decision without
 * request", which any decision breaks. Role and rationale rules use the policy in force at decision
 * time, so a policy change applies to every decision after it; the approval-cycle deadline is fixed
 * at request time from the band the amount then fell in.
 */
public final class RefundGovernance {

    private RefundGovernance() {
    }

    /** What a request did: exactly one kind, with the new case or the refusal detail. */
    public record RequestOutcome(Kind kind, RefundCase refund, String detail) {
        public enum Kind {
            /** A new request waiting for its decision; schedule its deadline. */
            ACCEPTED,
            /** The same request event again (redelivery): nothing changes. */
            REDELIVERED,
            /** The request arrived after a decision for the refund: facts recorded, no deadline, no new alert. */
            AFTER_DECISION,
            /** Governance cannot use it: dead-letter with {@link #detail}. */
            REFUSED
        }
    }

    /**
     * What a decision did.
     *
     * @param redelivered   the same decision event again: nothing else is set
     * @param firstDecision the decision closes the approval cycle (records the cycle time)
     * @param cycleTime     decision minus request in event time; null if the refund was never requested
     * @param leakage       the approved refund to count, only at the first approval of a requested refund
     */
    public record DecisionOutcome(boolean redelivered, RefundCase refund, List<RuleBreach> breaches,
                                  boolean firstDecision, Duration cycleTime, String band, String requiredRole,
                                  LeakageEntry leakage, ApprovalRecord record) {
    }

    public static RequestOutcome request(RefundCase current, TicketEvent e, String team, GovernancePolicy policy) {
        if (current != null && e.eventId().equals(current.requestEventId())) {
            return new RequestOutcome(RequestOutcome.Kind.REDELIVERED, current, null);
        }
        if (current != null && current.wasRequested()) {
            return refused("refund " + e.refundId() + " was already requested by event " + current.requestEventId()
                    + "; a new request needs a new refundId");
        }
        Optional<String> badAmount = checkAmount(e.amount(), e.currency());
        if (badAmount.isPresent()) {
            return refused(badAmount.get());
        }
        Optional<Band> band = policy.bandFor(e.currency(), e.amount());
        if (band.isEmpty()) {
            return refused("governance policy " + policy.policyId() + " v" + policy.version()
                    + " has no approval thresholds for currency " + e.currency() + " (refund " + e.refundId() + ")");
        }
        RefundCase base = current != null ? current : empty(e.refundId(), e.ticketId(), team);
        boolean decided = base.isDecided();
        Instant deadline = decided ? null : e.occurredAt().plus(band.get().approvalSla());
        RefundCase next = base.withRequest(e.eventId(), e.occurredAt(), e.amount(), e.currency(), e.exceptionCode(),
                band.get().band(), band.get().requiredRole(), deadline, policy.policyId(), policy.version());
        return new RequestOutcome(decided ? RequestOutcome.Kind.AFTER_DECISION : RequestOutcome.Kind.ACCEPTED, next, null);
    }

    public static DecisionOutcome decide(RefundCase current, TicketEvent e, String team, GovernancePolicy policy) {
        if (current != null && current.decisionEventIds().contains(e.eventId())) {
            return new DecisionOutcome(true, current, List.of(), false, null, null, null, null, null);
        }
        boolean approval = Boolean.TRUE.equals(e.approved());
        RefundCase base = current != null ? current : empty(e.refundId(), e.ticketId(), team);
        List<RuleBreach> breaches = new ArrayList<>();
        Duration cycle = null;
        String band = base.band();
        String requiredRole = base.requiredRole();
        if (!base.wasRequested()) {
            breaches.add(new RuleBreach(GovernanceRule.DECISION_WITHOUT_REQUEST, (approval ? "approval" : "rejection")
                    + " of refund " + e.refundId() + " by " + e.approver() + " that was never requested"));
        } else {
            cycle = Duration.between(base.requestedAt(), e.occurredAt());
            cycle = cycle.isNegative() ? Duration.ZERO : cycle;
            Optional<Band> now = policy.bandFor(base.currency(), base.amount());
            if (now.isPresent()) {
                band = now.get().band();
                requiredRole = now.get().requiredRole();
            }
        }
        if (approval && base.isApproved()) {
            breaches.add(new RuleBreach(GovernanceRule.DUPLICATE_APPROVAL, "refund " + e.refundId()
                    + " was already approved by " + base.approver() + " at " + base.approvedAt() + "; approved again by "
                    + e.approver()));
        } else if (approval && base.wasRequested()) {
            checkApproval(base, e, policy, cycle, requiredRole, breaches);
        }
        List<String> wire = breaches.stream().map(b -> b.rule().wire()).toList();
        RefundCase next = base.withDecision(e.eventId(), approval, e.approver(), e.approverRole(), e.rationale(),
                e.occurredAt(), wire, policy.policyId(), policy.version());
        LeakageEntry leakage = approval && base.wasRequested() && !base.isApproved()
                ? new LeakageEntry(base.refundId(), base.ticketId(), e.occurredAt(),
                        base.exceptionCode() == null ? LeakageEntry.NO_CODE : base.exceptionCode(), e.approver(),
                        base.team() == null ? LeakageEntry.UNKNOWN_TEAM : base.team(), base.currency(), base.amount())
                : null;
        ApprovalRecord record = new ApprovalRecord(next.refundId(), next.ticketId(), next.team(),
                Boolean.TRUE.equals(next.approved()), next.approver(), next.approverRole(), requiredRole, band,
                next.amount(), next.currency(), next.exceptionCode(),
                policy.code(next.exceptionCode()).map(GovernancePolicy.ExceptionCode::owner).orElse(null),
                next.rationale(), next.requestedAt(), next.decidedAt(),
                next.requestedAt() == null ? null : Math.max(0, next.decidedAt().toEpochMilli() - next.requestedAt().toEpochMilli()),
                next.decisionEventIds().size(), next.violations(), policy.policyId(), policy.version());
        return new DecisionOutcome(false, next, List.copyOf(breaches), !base.isDecided(), cycle, band, requiredRole,
                leakage, record);
    }

    /** True when the first decision is still missing at {@code now} and no overdue alert went out yet. */
    public static boolean isOverdue(RefundCase c, Instant now) {
        return c != null && c.deadline() != null && !c.isDecided() && !c.overdueAlerted() && !now.isBefore(c.deadline());
    }

    public static RefundCase markOverdue(RefundCase c) {
        return c.withOverdueAlerted();
    }

    private static void checkApproval(RefundCase c, TicketEvent e, GovernancePolicy policy, Duration cycle,
                                      String requiredRole, List<RuleBreach> breaches) {
        int rank = policy.rankOf(e.approverRole());
        int required = policy.rankOf(requiredRole);
        if (rank < required) {
            breaches.add(new RuleBreach(GovernanceRule.APPROVER_ROLE_TOO_LOW, c.amount().toPlainString() + " "
                    + c.currency() + " needs " + requiredRole + " or above; approved by " + e.approver() + " as "
                    + e.approverRole() + (rank < 0 ? " (a role the policy does not know)" : "")));
        }
        if (c.exceptionCode() == null) {
            breaches.add(new RuleBreach(GovernanceRule.EXCEPTION_CODE_MISSING,
                    "refund " + c.refundId() + " was approved without an exception code"));
        } else if (policy.code(c.exceptionCode()).isEmpty()) {
            breaches.add(new RuleBreach(GovernanceRule.EXCEPTION_CODE_UNKNOWN, "exception code '" + c.exceptionCode()
                    + "' is not in the taxonomy of policy " + policy.policyId() + " v" + policy.version()));
        }
        boolean noRationale = e.rationale() == null || e.rationale().isBlank();
        if (noRationale) {
            boolean byAmount = policy.rationaleRequiredFor(c.currency(), c.amount());
            boolean fastTrack = cycle.compareTo(policy.minReviewTimeOrZero()) < 0;
            if (byAmount || fastTrack) {
                BigDecimal above = policy.currencies().get(c.currency()) == null ? null
                        : policy.currencies().get(c.currency()).rationaleAbove();
                breaches.add(new RuleBreach(GovernanceRule.RATIONALE_MISSING, "a rationale is mandatory: "
                        + (byAmount ? "amount " + c.amount().toPlainString() + " " + c.currency() + " is above "
                                + above.toPlainString() : "")
                        + (byAmount && fastTrack ? " and " : "")
                        + (fastTrack ? "approved " + cycle.toSeconds() + " s after the request, under the minimum review time of "
                                + policy.minReviewTimeOrZero().toSeconds() + " s" : "")));
            }
        }
    }

    private static Optional<String> checkAmount(BigDecimal amount, String currency) {
        Currency iso;
        try {
            iso = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + currency + "' is not an ISO-4217 currency");
        }
        int digits = iso.getDefaultFractionDigits();
        if (digits >= 0 && amount.stripTrailingZeros().scale() > digits) {
            return Optional.of("amount " + amount.toPlainString() + " has more decimals than " + currency + " allows ("
                    + digits + ")");
        }
        return Optional.empty();
    }

    private static RequestOutcome refused(String detail) {
        return new RequestOutcome(RequestOutcome.Kind.REFUSED, null, detail);
    }

    private static RefundCase empty(String refundId, String ticketId, String team) {
        return new RefundCase(refundId, ticketId, team, null, null, null, null, null, null, null, null, false,
                List.of(), null, null, null, null, null, null, List.of(), null, null);
    }
}
