package dev.slamonitor.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Help-desk ticket status as upstream systems report it. */
public enum TicketStatus implements WireEnum.Wire {
    OPEN, PENDING_CUSTOMER, ON_HOLD, SOLVED, CLOSED;

    @JsonValue
    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static TicketStatus fromWire(String text) {
        return WireEnum.require(TicketStatus.class, text);
    }

    /** SLA clocks pause while the ball is in the customer's court or the ticket is on hold. */
    public boolean pausesClocks() {
        return this == PENDING_CUSTOMER || this == ON_HOLD;
    }

    public boolean isTerminal() {
        return this == SOLVED || this == CLOSED;
    }
}
