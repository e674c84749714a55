package dev.slamonitor.config;

/** A configuration value that is missing or wrong; the message says which key and what to fix. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
