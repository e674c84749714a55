package dev.slamonitor.processor.refund.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The refund-governance policy as data: per currency, the threshold bands that map an amount to the
 * approver role required and the approval-cycle SLA; when a rationale is mandatory; the exception-code
 * taxonomy; and the leakage rules (code repeat window, outlier test). Changed at run time by
 * publishing a new version to the governance topic.
 *
 * <p>Invariants (enforced by {@link GovernancePolicyReader}, never by callers): roles are ordered from
 * least to most authority; bands of a currency ascend strictly by {@code upTo} and only the last one
 * is unbounded; every required role is a known role; exception codes are unique, 10 to 30 of them.
 *
 * @param roles          approver roles from least to most authority; the rank of a role is its index
 * @param minReviewTime  an approval faster than this after the request is a fast-track and needs a rationale
 */
public record GovernancePolicy(
        String policyId,
        int version,
        List<String> roles,
        Map<String, CurrencyRules> currencies,
        Duration minReviewTime,
        List<ExceptionCode> exceptionCodes,
        LeakageRules leakage) {

    /**
     * @param rationaleAbove an approval of an amount strictly above this needs a rationale
     */
    public record CurrencyRules(List<Band> bands, BigDecimal rationaleAbove) {
    }

    /**
     * @param upTo        largest amount (inclusive) of the band; null for the last, unbounded band
     * @param approvalSla a decision must follow the request within this time
     */
    public record Band(String band, BigDecimal upTo, String requiredRole, Duration approvalSla) {
    }

    /**
     * @param repeatThreshold approvals with this code within {@link LeakageRules#codeWindow()} that raise a
     *                        remediation (drift) alert to the owner
     */
    public record ExceptionCode(String code, String description, String owner, String playbook, int repeatThreshold) {
    }

    /**
     * @param codeWindow      rolling window over which approvals per exception code are counted
     * @param remediationDue  time the code owner gets to fix the process after a drift alert
     * @param outlierFactor   an approver or team is an outlier above this many times the median of its peers
     * @param outlierMinCount approvals an approver or team needs in the period before it can be an outlier
     * @param outlierMinPeers peers needed for a meaningful median
     */
    public record LeakageRules(Duration codeWindow, Duration remediationDue, BigDecimal outlierFactor,
                               int outlierMinCount, int outlierMinPeers) {
    }

    /** The band an amount falls in, or empty when the policy has no thresholds for the currency. */
    public Optional<Band> bandFor(String currency, BigDecimal amount) {
        CurrencyRules rules = currencies.get(currency);
        if (rules == null) {
            return Optional.empty();
        }
        for (Band band : rules.bands()) {
            if (band.upTo() == null || amount.compareTo(band.upTo()) <= 0) {
                return Optional.of(band);
            }
        }
        return Optional.of(rules.bands().get(rules.bands().size() - 1));
    }

    /** Rank of a role (0 = least authority), or -1 for a role the policy does not know. */
    public int rankOf(String role) {
        return role == null ? -1 : roles.indexOf(role);
    }

    public Optional<ExceptionCode> code(String code) {
        return code == null ? Optional.empty()
                : exceptionCodes.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** True when the amount alone makes a rationale mandatory. */
    public boolean rationaleRequiredFor(String currency, BigDecimal amount) {
        CurrencyRules rules = currencies.get(currency);
        return rules != null && rules.rationaleAbove() != null && amount.compareTo(rules.rationaleAbove()) > 0;
    }

    public Duration minReviewTimeOrZero() {
        return minReviewTime == null ? Duration.ZERO : minReviewTime;
    }
}
