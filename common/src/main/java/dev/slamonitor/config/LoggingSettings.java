package dev.slamonitor.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the {@code log.*} settings with everything else. Each service's Logback configuration reads
 * them from the environment ({@code SLAMON_LOG_FORMAT}, {@code SLAMON_LOG_LEVEL} ...) before any
 * other configuration exists, so a value given in a file or as an argument would be silently ignored:
 * it is refused instead.
 */
public final class LoggingSettings {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final List<String> LEVEL_KEYS = List.of("log.level", "log.level.kafka", "log.level.vertx", "log.level.root");

    private LoggingSettings() {
    }

    /** A reader for {@link AppConfig#validate}. */
    public static void check(AppConfig config) {
        String format = config.string("log.format");
        if (!format.equals("text") && !format.equals("json")) {
            config.problem(config.invalid("log.format", "text or json", "json"));
        }
        requireEnvironment(config, "log.format");
        for (String key : LEVEL_KEYS) {
            config.optional(key).ifPresent(level -> {
                if (!LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
                    config.problem(config.invalid(key, "one of " + String.join(", ", LEVELS.stream().sorted().toList())
                            + " (or empty for the service's default)", "INFO"));
                }
                requireEnvironment(config, key);
            });
        }
    }

    private static void requireEnvironment(AppConfig config, String key) {
        String source = config.sourceOf(key);
        if (!source.equals("defaults") && !source.startsWith("environment variable")) {
            config.problem(config.invalid(key, "to be set as environment variable " + AppConfig.envName(key)
                    + " (logging is configured before files and arguments are read)"));
        }
    }
}
