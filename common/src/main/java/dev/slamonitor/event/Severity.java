package dev.slamonitor.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Ticket severity, most urgent first. */
public enum Severity implements WireEnum.Wire {
    CRITICAL, HIGH, MEDIUM, LOW;

    @JsonValue
    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWire(String text) {
        return WireEnum.require(Severity.class, text);
    }
}
