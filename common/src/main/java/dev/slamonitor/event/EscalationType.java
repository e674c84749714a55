package dev.slamonitor.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a ticket moved: to more skill (functional), more authority (hierarchical) or another domain. */
public enum EscalationType implements WireEnum.Wire {
    FUNCTIONAL, HIERARCHICAL, DOMAIN;

    @JsonValue
    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static EscalationType fromWire(String text) {
        return WireEnum.require(EscalationType.class, text);
    }
}
