package dev.slamonitor.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Checks pass-through settings ({@code kafka.*}, {@code streams.*}) with Kafka's own definitions
 * before any client exists, so that {@code streams.num.stream.threads=zero} is reported with the other
 * problems instead of as a raw Kafka exception after connecting. A key no definition knows is left to
 * Kafka (custom handler settings are legitimate); a known key must parse to its type and pass its
 * validator.
 */
public final class KafkaSettingsCheck {

    private KafkaSettingsCheck() {
    }

    /** One client's definitions, selected by a key prefix inside the pass-through namespace ("" for all). */
    public record Definitions(String keyPrefix, List<ConfigDef> defs) {
    }

    /**
     * Checks every {@code prefix}-key of {@code config}: the most specific {@link Definitions} whose
     * keyPrefix the remainder starts with decides.
     */
    public static void check(AppConfig config, String prefix, List<Definitions> definitions) {
        config.withPrefix(prefix).forEach((key, value) -> {
            Definitions chosen = null;
            for (Definitions d : definitions) {
                if (key.startsWith(d.keyPrefix()) && (chosen == null || d.keyPrefix().length() > chosen.keyPrefix().length())) {
                    chosen = d;
                }
            }
            if (chosen == null) {
                return;
            }
            String name = key.substring(chosen.keyPrefix().length());
            find(chosen.defs(), name).ifPresent(def -> checkOne(config, prefix + key, def, value));
        });
    }

    private static Optional<ConfigDef.ConfigKey> find(List<ConfigDef> defs, String name) {
        for (ConfigDef def : defs) {
            ConfigDef.ConfigKey key = def.configKeys().get(name);
            if (key != null) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static void checkOne(AppConfig config, String fullKey, ConfigDef.ConfigKey def, String value) {
        try {
            Object parsed = ConfigDef.parseType(def.name, value, def.type);
            if (def.validator != null) {
                def.validator.ensureValid(def.name, parsed);
            }
        } catch (org.apache.kafka.common.config.ConfigException e) {
            String type = def.type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            String expected = ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type
                    + (def.validator == null ? "" : " in " + def.validator) + " (Kafka's definition of " + def.name + ")";
            config.problem(config.invalid(fullKey, expected, example(def)));
        }
    }

    private static String example(ConfigDef.ConfigKey def) {
        if (!def.hasDefault() || def.defaultValue == null) {
            return null;
        }
        Object d = def.defaultValue;
        return d instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : d instanceof Map<?, ?> ? null : String.valueOf(d);
    }
}
