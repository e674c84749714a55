package dev.slamonitor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The sources of the configuration merged in their order: built-in defaults (which declare every
 * known key), the optional file, {@code SLAMON_*} environment variables, then explicit overrides.
 * Holds the key rule: a key that is neither a default nor under a pass-through prefix is unknown,
 * kept as a message (with where it came from) for {@link AppConfig#validate} and not applied.
 * Immutable: {@link #plus} returns a new set of layers.
 */
final class ConfigLayers {

    /** A value and where it came from (for error messages and start-up logs). */
    record Setting(String value, String source) {
    }

    private static final String[] PASS_THROUGH = {"kafka.", "streams."};
    private static final String DEFAULTS_SOURCE = "defaults";
    private static final Properties DEFAULTS = readDefaults();

    private final Map<String, Setting> settings;
    private final List<String> unknown;

    private ConfigLayers(Map<String, Setting> settings, List<String> unknown) {
        this.settings = settings;
        this.unknown = unknown;
    }

    /** Defaults, then the file named by {@link AppConfig#CONFIG_FILE_ENV} if set, then the {@code SLAMON_*} variables. */
    static ConfigLayers load(Map<String, String> env) {
        Map<String, Setting> merged = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        Properties defaults = DEFAULTS;
        defaults.stringPropertyNames().forEach(k -> merged.put(k, new Setting(defaults.getProperty(k).trim(), DEFAULTS_SOURCE)));
        String file = env.get(AppConfig.CONFIG_FILE_ENV);
        if (file != null && !file.isBlank()) {
            Properties fromFile = readFile(Path.of(file));
            fromFile.stringPropertyNames().forEach(k -> put(merged, unknown, k, fromFile.getProperty(k).trim(), "file " + file));
        }
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.startsWith(AppConfig.ENV_PREFIX) && !name.equals(AppConfig.CONFIG_FILE_ENV)) {
                put(merged, unknown, envToKey(name), value.trim(), "environment variable " + name);
            }
        });
        return new ConfigLayers(merged, List.copyOf(unknown));
    }

    /** These layers with {@code overrides} on top, labelled {@code source}; they obey the same key rule. */
    ConfigLayers plus(Map<String, String> overrides, String source) {
        Map<String, Setting> merged = new TreeMap<>(settings);
        List<String> unknownKeys = new ArrayList<>(unknown);
        new TreeMap<>(overrides).forEach((k, v) -> put(merged, unknownKeys, k, v, source));
        return new ConfigLayers(merged, List.copyOf(unknownKeys));
    }

    /** The merged settings by key, in key order. */
    Map<String, Setting> settings() {
        return settings;
    }

    /** The messages of the unknown keys met so far, in the order they were met. */
    List<String> unknown() {
        return unknown;
    }

    /** The built-in default of a key, or null. */
    static String defaultValue(String key) {
        String value = DEFAULTS.getProperty(key);
        return value == null ? null : value.trim();
    }

    /** {@code SLAMON_API_HTTP_PORT} -> {@code api.http.port}. */
    static String envToKey(String envName) {
        return envName.substring(AppConfig.ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static void put(Map<String, Setting> merged, List<String> unknown, String key, String value, String source) {
        boolean passThrough = false;
        for (String prefix : PASS_THROUGH) {
            passThrough |= key.startsWith(prefix);
        }
        if (!passThrough && !merged.containsKey(key)) {
            unknown.add("Unknown setting '" + key + "' (from " + source
                    + "): known settings are listed in docs/configuration.md; keys under "
                    + String.join(" or ", PASS_THROUGH) + " pass through to the Kafka clients.");
            return;
        }
        merged.put(key, new Setting(value, source));
    }

    private static Properties readDefaults() {
        Properties p = new Properties();
        try (InputStream in = AppConfig.class.getResourceAsStream(AppConfig.DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + AppConfig.DEFAULTS_RESOURCE + " on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + AppConfig.DEFAULTS_RESOURCE, e);
        }
        return p;
    }

    private static Properties readFile(Path path) {
        if (!Files.isReadable(path)) {
            throw new ConfigException("Config file " + path.toAbsolutePath() + " (from " + AppConfig.CONFIG_FILE_ENV
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
