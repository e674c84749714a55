package dev.slamonitor.config;

import dev.slamonitor.config.ConfigLayers.Setting;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All configuration of every service, merged in one place, in layers: built-in defaults
 * ({@code sla-monitor-defaults.properties}, which documents every key), then an optional file
 * ({@code SLAMON_CONFIG_FILE}), then environment variables ({@code SLAMON_KAFKA_BOOTSTRAP_SERVERS}
 * sets {@code kafka.bootstrap.servers}), then explicit overrides from a launcher or a test.
 *
 * <p>Keys under {@code kafka.} are passed to every Kafka client and keys under {@code streams.} to
 * Kafka Streams, so any client setting (security, SASL, tuning) works without code changes. Any
 * other key must be known: a typo fails at start-up instead of being silently ignored. Every typed
 * getter names the key, the bad value, where it came from, the expected form and an example.
 *
 * <p>{@link #validate} runs every component's settings readers in one pass before anything connects:
 * in that pass a bad value is recorded and a harmless stand-in returned, so that every problem (unknown
 * keys included) is reported at once instead of one per restart.
 *
 * <p>The layers and the key rule are {@link ConfigLayers}; the problems of a validation pass
 * {@link ConfigProblems}; this class is the typed getters over them.
 */
public final class AppConfig {

    public static final String DEFAULTS_RESOURCE = "/sla-monitor-defaults.properties";
    public static final String ENV_PREFIX = "SLAMON_";
    public static final String CONFIG_FILE_ENV = "SLAMON_CONFIG_FILE";
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** The source label of {@link #withArguments}. */
    public static final String ARGUMENT_SOURCE = "command-line argument";

    private final ConfigLayers layers;
    private final Map<String, Setting> settings;
    /** Non-null only inside {@link #validate}: problems recorded instead of thrown. */
    private final ConfigProblems collected;

    private AppConfig(ConfigLayers layers, ConfigProblems collected) {
        this.layers = layers;
        this.settings = layers.settings();
        this.collected = collected;
    }

    /** Loads defaults, the file named by {@code SLAMON_CONFIG_FILE} if set, then {@code SLAMON_*} variables. */
    public static AppConfig fromEnvironment() {
        return load(System.getenv());
    }

    public static AppConfig load(Map<String, String> env) {
        return new AppConfig(ConfigLayers.load(env), null);
    }

    /** A copy with explicit overrides on top (launchers and tests); they obey the same key rules. */
    public AppConfig with(Map<String, String> overrides) {
        return with(overrides, "override");
    }

    /** A copy with the launcher's {@code key=value} arguments on top, named as such in error messages. */
    public AppConfig withArguments(Map<String, String> arguments) {
        return with(arguments, ARGUMENT_SOURCE);
    }

    private AppConfig with(Map<String, String> overrides, String source) {
        return new AppConfig(layers.plus(overrides, source), collected);
    }

    /**
     * Runs every reader (typically each component's typed-settings factory) in one pass and throws one
     * {@link ConfigException} listing every unknown key and every bad value, or returns quietly. Readers
     * must not connect to anything. A reader that fails for another reason after a problem was recorded
     * is taken to have tripped over a stand-in value; one that fails on a sound configuration is a bug
     * and its exception propagates.
     */
    public void validate(Collection<? extends Consumer<AppConfig>> readers) {
        ConfigProblems problems = new ConfigProblems();
        layers.unknown().forEach(problems::add);
        AppConfig checking = new AppConfig(layers, problems);
        for (Consumer<AppConfig> reader : readers) {
            try {
                reader.accept(checking);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            } catch (RuntimeException e) {
                if (problems.isEmpty()) {
                    throw e;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw problems.report();
        }
    }

    /**
     * Records a problem found by a reader outside the typed getters (a pass-through key checked by
     * Kafka's own definitions, a file's content): thrown at once normally, collected inside
     * {@link #validate}.
     */
    public void problem(ConfigException problem) {
        if (collected == null) {
            throw problem;
        }
        collected.add(problem.getMessage());
    }

    public AppConfig with(String key, String value) {
        return with(Map.of(key, value));
    }

    public String string(String key) {
        String value = raw(key);
        if (value.isEmpty()) {
            return reject(key, "a non-empty value", "invalid");
        }
        return value;
    }

    public Optional<String> optional(String key) {
        Setting setting = settings.get(key);
        return setting == null || setting.value().isEmpty() ? Optional.empty() : Optional.of(setting.value());
    }

    public int integer(String key, int min, int max) {
        String value = raw(key);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range value
        }
        return reject(key, "an integer between " + min + " and " + max, Math.max(min, Math.min(max, 1)));
    }

    public boolean bool(String key) {
        String value = raw(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            return reject(key, "true or false", false);
        }
        return Boolean.parseBoolean(value);
    }

    /** Accepts ISO-8601 ({@code PT15M}) or short forms ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}). */
    public Duration duration(String key) {
        try {
            return parseDuration(raw(key));
        } catch (DateTimeParseException e) {
            return reject(key, "a duration such as 500ms, 30s, 15m, 2h, 1d or PT15M", Duration.ofSeconds(1));
        }
    }

    /** The duration syntax of {@link #duration} for values outside the configuration (files it names). */
    public static Duration parseDuration(String value) {
        Matcher m = SHORT_DURATION.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(value);
    }

    /** A TCP port; 0 means "pick a free one" where the caller supports it. */
    public int port(String key) {
        return integer(key, 0, 65535);
    }

    /** {@code host:port[,host:port...]}, checked for shape so a typo fails here, not in a client retry loop. */
    public String hostPorts(String key) {
        String value = string(key);
        for (String part : value.split(",")) {
            if (!part.trim().matches("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}")) {
                return reject(key, "a comma-separated list of host:port", "localhost:9092");
            }
        }
        return value;
    }

    /** Every setting under a prefix, with the prefix removed (e.g. {@code streams.} for StreamsConfig). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((k, s) -> {
            if (k.startsWith(prefix) && !s.value().isEmpty()) {
                out.put(k.substring(prefix.length()), s.value());
            }
        });
        return out;
    }

    /** Where a key's value came from, for start-up logs and error messages. */
    public String sourceOf(String key) {
        Setting setting = settings.get(key);
        return setting == null ? "nowhere" : setting.source();
    }

    /**
     * The problem of a key's current value: key, value, source, expected form and an example (the
     * built-in default where there is one). Inside {@link #validate} it is also recorded, so a reader
     * may throw it and the pass still lists everything else.
     */
    public ConfigException invalid(String key, String expected) {
        return invalid(key, expected, defaultExample(key));
    }

    /** As {@link #invalid(String, String)} with an explicit example value. */
    public ConfigException invalid(String key, String expected, String example) {
        Setting setting = settings.get(key);
        String value = setting == null ? "<unset>" : "'" + setting.value() + "'";
        String source = setting == null ? "" : " (from " + setting.source() + ")";
        ConfigException problem = new ConfigException(key + " = " + value + source + ": expected " + expected
                + (example == null || example.isEmpty() ? "" : ", for example " + key + "=" + example)
                + " (environment variable " + envName(key) + ")");
        if (collected != null) {
            collected.add(problem.getMessage());
        }
        return problem;
    }

    /** Throws the problem normally; inside {@link #validate} records it and returns the stand-in. */
    private <T> T reject(String key, String expected, T standIn) {
        ConfigException problem = invalid(key, expected);
        if (collected == null) {
            throw problem;
        }
        return standIn;
    }

    private String defaultExample(String key) {
        return ConfigLayers.defaultValue(key);
    }

    /** {@code api.http.port} -> {@code SLAMON_API_HTTP_PORT}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private String raw(String key) {
        Setting setting = settings.get(key);
        if (setting == null) {
            ConfigException problem = new ConfigException("Missing setting " + key + ": set it in the config file or as "
                    + envName(key) + ".");
            problem(problem);
            return "";
        }
        return setting.value();
    }
}
