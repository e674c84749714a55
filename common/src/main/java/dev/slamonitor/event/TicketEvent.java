package dev.slamonitor.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One ticket event, schema version 1. The common fields are always present; which of the others are
 * required depends on {@link #type()} and is enforced by {@code schema/ticket-event.schema.json}
 * (a test keeps the two in step). Events are facts about the past: {@link #occurredAt()} is event
 * time, {@link #eventId()} makes redelivery harmless.
 */
public record TicketEvent(
        int schemaVersion,
        String eventId,
        String ticketId,
        EventType type,
        Instant occurredAt,
        // TICKET_OPENED, SEVERITY_CHANGED
        Severity severity,
        Customer customer,
        String team,
        String channel,
        SupportTier tier,
        // STATUS_CHANGED
        TicketStatus status,
        // ASSIGNED, ACKNOWLEDGED
        String owner,
        // ESCALATED
        SupportTier fromTier,
        SupportTier toTier,
        EscalationType escalationType,
        Handoff handoff,
        // RESOLVED
        String rootCause,
        String resolutionSummary,
        SopUpdate sopUpdate,
        SopRejected sopRejected,
        // CSAT_RECEIVED
        Integer score,
        // RCA_PUBLISHED
        String rcaUrl,
        // REFUND_REQUESTED, REFUND_DECIDED
        String refundId,
        BigDecimal amount,
        String currency,
        String exceptionCode,
        Boolean approved,
        String approver,
        String approverRole,
        String rationale) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    /** Starts a builder with the common fields; type-specific fields are set with {@code with*}. */
    public static Builder builder(EventType type, String eventId, String ticketId, Instant occurredAt) {
        return new Builder(type, eventId, ticketId, occurredAt);
    }

    @JsonIgnore
    public boolean isRefundEvent() {
        return type == EventType.REFUND_REQUESTED || type == EventType.REFUND_DECIDED;
    }

    /** Fluent construction for producers and tests; the record itself stays immutable. */
    public static final class Builder {
        private EventType type;
        private String eventId;
        private String ticketId;
        private Instant occurredAt;
        private Severity severity;
        private Customer customer;
        private String team;
        private String channel;
        private SupportTier tier;
        private TicketStatus status;
        private String owner;
        private SupportTier fromTier;
        private SupportTier toTier;
        private EscalationType escalationType;
        private Handoff handoff;
        private String rootCause;
        private String resolutionSummary;
        private SopUpdate sopUpdate;
        private SopRejected sopRejected;
        private Integer score;
        private String rcaUrl;
        private String refundId;
        private BigDecimal amount;
        private String currency;
        private String exceptionCode;
        private Boolean approved;
        private String approver;
        private String approverRole;
        private String rationale;

        private Builder(EventType type, String eventId, String ticketId, Instant occurredAt) {
            this.type = type;
            this.eventId = eventId;
            this.ticketId = ticketId;
            this.occurredAt = occurredAt;
        }

        /**
         * A builder whose common fields are still unset, for a reader that meets the fields in the
         * order of its input; it sets them with the package-private setters below.
         */
        static Builder unset() {
            return new Builder(null, null, null, null);
        }

        Builder type(EventType v) { this.type = v; return this; }
        Builder eventId(String v) { this.eventId = v; return this; }
        Builder ticketId(String v) { this.ticketId = v; return this; }
        Builder occurredAt(Instant v) { this.occurredAt = v; return this; }


        public Builder severity(Severity v) { this.severity = v; return this; }
        public Builder customer(Customer v) { this.customer = v; return this; }
        public Builder team(String v) { this.team = v; return this; }
        public Builder channel(String v) { this.channel = v; return this; }
        public Builder tier(SupportTier v) { this.tier = v; return this; }
        public Builder status(TicketStatus v) { this.status = v; return this; }
        public Builder owner(String v) { this.owner = v; return this; }
        public Builder fromTier(SupportTier v) { this.fromTier = v; return this; }
        public Builder toTier(SupportTier v) { this.toTier = v; return this; }
        public Builder escalationType(EscalationType v) { this.escalationType = v; return this; }
        public Builder handoff(Handoff v) { this.handoff = v; return this; }
        public Builder rootCause(String v) { this.rootCause = v; return this; }
        public Builder resolutionSummary(String v) { this.resolutionSummary = v; return this; }
        public Builder sopUpdate(SopUpdate v) { this.sopUpdate = v; return this; }
        public Builder sopRejected(SopRejected v) { this.sopRejected = v; return this; }
        public Builder score(Integer v) { this.score = v; return this; }
        public Builder rcaUrl(String v) { this.rcaUrl = v; return this; }
        public Builder refundId(String v) { this.refundId = v; return this; }
        public Builder amount(BigDecimal v) { this.amount = v; return this; }
        public Builder currency(String v) { this.currency = v; return this; }
        public Builder exceptionCode(String v) { this.exceptionCode = v; return this; }
        public Builder approved(Boolean v) { this.approved = v; return this; }
        public Builder approver(String v) { this.approver = v; return this; }
        public Builder approverRole(String v) { this.approverRole = v; return this; }
        public Builder rationale(String v) { this.rationale = v; return this; }

        public TicketEvent build() {
            return new TicketEvent(CURRENT_SCHEMA_VERSION, eventId, ticketId, type, occurredAt, severity,
                    customer, team, channel, tier, status, owner, fromTier, toTier, escalationType, handoff,
                    rootCause, resolutionSummary, sopUpdate, sopRejected, score, rcaUrl, refundId, amount,
                    currency, exceptionCode, approved, approver, approverRole, rationale);
        }
    }
}
