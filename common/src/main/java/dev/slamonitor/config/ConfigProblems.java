package dev.slamonitor.config;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The problems one {@link AppConfig#validate} pass has found, each message once, in the order found,
 * and the one report that lists them all with where to set values.
 */
final class ConfigProblems {

    private final Set<String> messages = new LinkedHashSet<>();

    void add(String message) {
        messages.add(message);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** The single exception naming every problem, thrown before anything is started. */
    ConfigException report() {
        return new ConfigException(messages.size() + " configuration problem"
                + (messages.size() == 1 ? "" : "s") + "; nothing was started:\n  - "
                + String.join("\n  - ", messages)
                + "\nSet values in the file named by " + AppConfig.CONFIG_FILE_ENV + ", as " + AppConfig.ENV_PREFIX
                + "<KEY> environment variables, or as key=value arguments; docs/configuration.md lists every key.");
    }
}
