package dev.slamonitor.standalone;

import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.config.AppConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * API keys for local use: when {@code api.auth.keys} is not configured, the launcher generates one
 * random key per role (publisher, viewer, responder), configures their hashes and prints the keys
 * once in its start-up summary. They live only in this process; configured keys are never replaced.
 */
record DemoKeys(Map<Role, String> keys) {

    static final List<Role> ROLES = List.of(Role.PUBLISHER, Role.VIEWER, Role.RESPONDER);

    /** Keys to generate, or none when the configuration already has keys. */
    static DemoKeys forConfig(AppConfig config) {
        if (config.optional("api.auth.keys").isPresent()) {
            return new DemoKeys(Map.of());
        }
        SecureRandom random = new SecureRandom();
        Map<Role, String> keys = new EnumMap<>(Role.class);
        for (Role role : ROLES) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            keys.put(role, "demo-" + role.wire() + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return new DemoKeys(keys);
    }

    boolean generated() {
        return !keys.isEmpty();
    }

    /** The {@code api.auth.keys} value for the generated keys. */
    String setting() {
        return String.join(",", keys.entrySet().stream()
                .map(e -> ApiKeys.entry("demo-" + e.getKey().wire(), e.getValue(), e.getKey())).toList());
    }

    String key(Role role) {
        return keys.get(role);
    }
}
