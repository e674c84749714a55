package dev.slamonitor.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Support tiers of the escalation matrix, in escalation order. */
public enum SupportTier implements WireEnum.Wire {
    L1, L2, L3, MANAGEMENT;

    @JsonValue
    @Override
    public String wire() {
        return this == MANAGEMENT ? "management" : name();
    }

    @JsonCreator
    public static SupportTier fromWire(String text) {
        return WireEnum.require(SupportTier.class, text);
    }

    /** The tier a breach escalates to; empty at the top of the matrix. */
    public Optional<SupportTier> next() {
        int next = ordinal() + 1;
        return next < values().length ? Optional.of(values()[next]) : Optional.empty();
    }
}
