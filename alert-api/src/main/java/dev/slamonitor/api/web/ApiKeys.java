package dev.slamonitor.api.web;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys this instance accepts, from {@code api.auth.keys}: comma-separated entries
 * {@code name:sha256-hex:role+role}. Only SHA-256 hashes are configured, so a leaked configuration
 * does not leak a usable key; a presented key is hashed and looked up. The name identifies the
 * caller in logs; neither the key nor its hash is ever logged. Immutable and thread-safe.
 */
public final class ApiKeys {

    /** Who called, once authenticated. */
    public record Principal(String name, Set<Role> roles) {
    }

    private final Map<String, Principal> byHash;

    private ApiKeys(Map<String, Principal> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    /** Parses the configured keys; fails with a message naming the entry when one is malformed or none is set. */
    public static ApiKeys from(AppConfig config) {
        String raw = config.optional("api.auth.keys").orElseThrow(() -> new ConfigException(
                "No API keys configured: set api.auth.keys (environment SLAMON_API_AUTH_KEYS) to"
                        + " name:sha256-hex-of-key:role+role entries, roles publisher, viewer, responder, metrics."
                        + " Hash a key with: printf %s \"$KEY\" | sha256sum"));
        return parse(raw, config);
    }

    static ApiKeys parse(String raw, AppConfig config) {
        Map<String, Principal> byHash = new HashMap<>();
        Set<String> names = new java.util.HashSet<>();
        for (String entry : raw.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 3 || parts[0].isBlank() || !parts[1].matches("[0-9a-fA-F]{64}")) {
                throw config.invalid("api.auth.keys", "entries name:sha256-hex:role+role (entry "
                        + (parts.length > 0 ? "'" + parts[0] + "'" : "") + " is malformed)");
            }
            EnumSet<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : parts[2].split("\\+")) {
                roles.add(Role.parse(role).orElseThrow(() -> config.invalid("api.auth.keys",
                        "roles from " + Arrays.stream(Role.values()).map(Role::wire).toList()
                                + " (key '" + parts[0] + "' names '" + role + "')")));
            }
            if (!names.add(parts[0])) {
                throw config.invalid("api.auth.keys", "unique key names ('" + parts[0] + "' twice)");
            }
            byHash.put(parts[1].toLowerCase(java.util.Locale.ROOT), new Principal(parts[0], Set.copyOf(roles)));
        }
        return new ApiKeys(byHash);
    }

    public int size() {
        return byHash.size();
    }

    /** The principal a presented key belongs to, if any. */
    public Optional<Principal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256Hex(presentedKey)));
    }

    /** Hex SHA-256 of a key, the form {@code api.auth.keys} holds. */
    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** One configuration entry for a key, e.g. for launchers that generate keys. */
    public static String entry(String name, String key, Role... roles) {
        return name + ":" + sha256Hex(key) + ":"
                + String.join("+", Arrays.stream(roles).map(Role::wire).toList());
    }
}
