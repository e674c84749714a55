package dev.slamonitor.knowledge;

/**
 * An input on the remediation events topic (key: the item id). Schema version 1:
 * {@code {"itemId": "...", "action": "close", "evidence": "...", "by": "..."}}; every field is
 * required and non-blank, {@code close} is the only action. Evidence is what proves the process
 * changed: a link to the SOP revision, the merged check, the rejected-change rationale.
 */
public record RemediationEvent(String itemId, String action, String evidence, String by) {

    public static final String CLOSE = "close";
}
