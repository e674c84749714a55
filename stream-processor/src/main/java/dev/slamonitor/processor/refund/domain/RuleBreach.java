package dev.slamonitor.processor.refund.domain;

/** One broken rule and the sentence that explains it to the approver's manager. */
public record RuleBreach(GovernanceRule rule, String detail) {
}
