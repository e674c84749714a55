package dev.slamonitor.api.web;

import java.util.Locale;
import java.util.Optional;

/** What an API key may do. A key holds one or more roles; no role implies another. */
public enum Role {
    /** POST ticket events. */
    PUBLISHER,
    /** Read ticket state, list tickets, follow the alert stream, read the OpenAPI document. */
    VIEWER,
    /** Acknowledge alerts. */
    RESPONDER,
    /** Scrape /metrics (unless api.metrics.public=true). */
    METRICS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.wire().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
