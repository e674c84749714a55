package dev.slamonitor.api.alerts;

import dev.slamonitor.alert.Alert;
import java.util.Set;

/** Which alerts a stream client wants; an empty set accepts any value. Immutable. */
public record AlertFilter(Set<String> severities, Set<String> tiers, Set<String> teams, Set<String> types) {

    public static final AlertFilter ALL = new AlertFilter(Set.of(), Set.of(), Set.of(), Set.of());

    public boolean matches(Alert a) {
        return in(severities, a.severity()) && in(tiers, a.tier()) && in(teams, a.team())
                && in(types, a.type() == null ? null : a.type().name());
    }

    private static boolean in(Set<String> wanted, String value) {
        return wanted.isEmpty() || wanted.contains(value);
    }
}
