package dev.slamonitor.processor.refund.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One approved refund as the leakage ledger counts it: exactly once per refund, at its first
 * approval, in the currency it was requested in.
 *
 * @param exceptionCode the code as requested; {@value #NO_CODE} when the request had none
 * @param team          the ticket's team; {@value #UNKNOWN_TEAM} when the ticket's opening was not seen
 */
public record LeakageEntry(String refundId, String ticketId, Instant approvedAt, String exceptionCode,
                           String approver, String team, String currency, BigDecimal amount) {

    public static final String NO_CODE = "NONE";
    public static final String UNKNOWN_TEAM = "unknown";
}
