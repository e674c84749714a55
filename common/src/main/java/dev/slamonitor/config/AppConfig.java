package dev.slamonitor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
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
 * getter names the key, the bad value and where it came from.
 */
public final class AppConfig {

    public static final String DEFAULTS_RESOURCE = "/sla-monitor-defaults.properties";
    public static final String ENV_PREFIX = "SLAMON_";
    public static final String CONFIG_FILE_ENV = "SLAMON_CONFIG_FILE";
    private static final String[] PASS_THROUGH = {"kafka.", "streams."};
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, Setting> settings;

    private record Setting(String value, String source) {
    }

    private AppConfig(Map<String, Setting> settings) {
        this.settings = settings;
    }

    /** Loads defaults, the file named by {@code SLAMON_CONFIG_FILE} if set, then {@code SLAMON_*} variables. */
    public static AppConfig fromEnvironment() {
        return load(System.getenv());
    }

    public static AppConfig load(Map<String, String> env) {
        Map<String, Setting> merged = new TreeMap<>();
        Properties defaults = readDefaults();
        defaults.stringPropertyNames().forEach(k -> merged.put(k, new Setting(defaults.getProperty(k).trim(), "defaults")));
        String file = env.get(CONFIG_FILE_ENV);
        if (file != null && !file.isBlank()) {
            Properties fromFile = readFile(Path.of(file));
            fromFile.stringPropertyNames().forEach(k -> put(merged, k, fromFile.getProperty(k).trim(), "file " + file));
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals(CONFIG_FILE_ENV)) {
                put(merged, envToKey(name), value.trim(), "environment variable " + name);
            }
        });
        return new AppConfig(merged);
    }

    /** A copy with explicit overrides on top (launchers and tests); they obey the same key rules. */
    public AppConfig with(Map<String, String> overrides) {
        Map<String, Setting> merged = new TreeMap<>(settings);
        overrides.forEach((k, v) -> put(merged, k, v, "override"));
        return new AppConfig(merged);
    }

    public AppConfig with(String key, String value) {
        return with(Map.of(key, value));
    }

    static String envToKey(String envName) {
        return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static void put(Map<String, Setting> merged, String key, String value, String source) {
        boolean passThrough = false;
        for (String prefix : PASS_THROUGH) {
            passThrough |= key.startsWith(prefix);
        }
        if (!passThrough && !merged.containsKey(key)) {
            throw new ConfigException("Unknown setting '" + key + "' from " + source
                    + ". Known settings are listed in docs/configuration.md; keys under "
                    + String.join(" or ", PASS_THROUGH) + " pass through to the Kafka clients.");
        }
        merged.put(key, new Setting(value, source));
    }

    public String string(String key) {
        String value = raw(key);
        if (value.isEmpty()) {
            throw invalid(key, "a non-empty value");
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
            if (parsed < min || parsed > max) {
                throw invalid(key, "an integer between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(key, "an integer between " + min + " and " + max);
        }
    }

    public boolean bool(String key) {
        String value = raw(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(key, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    /** Accepts ISO-8601 ({@code PT15M}) or short forms ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}). */
    public Duration duration(String key) {
        try {
            return parseDuration(raw(key));
        } catch (DateTimeParseException e) {
            throw invalid(key, "a duration such as 500ms, 30s, 15m, 2h, 1d or PT15M");
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
                throw invalid(key, "a comma-separated list of host:port");
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

    public ConfigException invalid(String key, String expected) {
        Setting setting = settings.get(key);
        String value = setting == null ? "<unset>" : "'" + setting.value() + "'";
        String source = setting == null ? "" : " (from " + setting.source() + ")";
        return new ConfigException("Invalid setting " + key + " = " + value + source + ": expected " + expected
                + ". Set it in the config file or as " + ENV_PREFIX
                + key.toUpperCase(Locale.ROOT).replace('.', '_') + ".");
    }

    private String raw(String key) {
        Setting setting = settings.get(key);
        if (setting == null) {
            throw new ConfigException("Missing setting " + key + ": set it in the config file or as "
                    + ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_') + ".");
        }
        return setting.value();
    }

    private static Properties readDefaults() {
        Properties p = new Properties();
        try (InputStream in = AppConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + DEFAULTS_RESOURCE + " on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + DEFAULTS_RESOURCE, e);
        }
        return p;
    }

    private static Properties readFile(Path path) {
        if (!Files.isReadable(path)) {
            throw new ConfigException("Config file " + path.toAbsolutePath() + " (from " + CONFIG_FILE_ENV
                    + ") does not exist or is not readable.");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path)) {
            p.load(in);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + path.toAbsolutePath() + ": " + e.getMessage());
        }
        return p;
    }
}
