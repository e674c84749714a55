package dev.slamonitor.deadletter;

/**
 * Why a record went to the dead-letter topic. The name is the {@code reason} label of the
 * dead-letter metric and the {@code dlq.reason} header, so keep names stable.
 */
public enum DeadLetterReason {
    /** The bytes are not JSON at all. */
    INVALID_JSON,
    /** JSON that breaks the ticket-event schema (missing or malformed fields). */
    SCHEMA_VIOLATION,
    /** A {@code type} this version of the contract does not know. */
    UNKNOWN_EVENT_TYPE,
    /** An event whose {@code occurredAt} lies more than {@code processor.max.clock.skew} ahead of now. */
    OCCURRED_AT_IN_FUTURE,
    /** An event whose {@code occurredAt} lies more than {@code processor.max.event.age} before now. */
    OCCURRED_AT_TOO_OLD,
    /** The record key is missing or differs from the event's ticketId, which would break partitioning. */
    KEY_MISMATCH,
    /** A valid event for a ticket that was never opened (e.g. a reply before TICKET_OPENED). */
    TICKET_NOT_OPENED,
    /** A second TICKET_OPENED for a ticket that is already open, under a different eventId. */
    TICKET_ALREADY_OPENED,
    /** A policy document that does not validate; the previous version stays in force. */
    INVALID_POLICY,
    /** An acknowledgement that cannot be read or names no known alert. */
    INVALID_ACK,
    /** A root-cause taxonomy document that does not validate. */
    INVALID_TAXONOMY,
    /** A remediation event that cannot be read, lacks evidence, or names no open remediation item. */
    INVALID_REMEDIATION_EVENT,
    /** A refund-governance policy document that does not validate. */
    INVALID_GOVERNANCE_POLICY,
    /** A schema-valid refund event that governance cannot use (repeated request, currency without thresholds, too many decimals). */
    INVALID_REFUND_EVENT,
    /** An alert a webhook receiver did not accept within {@code api.webhooks.give.up.after}; value is the alert. */
    WEBHOOK_UNDELIVERABLE,
    /**
     * Anything unforeseen (an exception or an error such as StackOverflowError) while processing one
     * record; routed by the processor's processing-exception handler.
     */
    PROCESSING_ERROR
}
