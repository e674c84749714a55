package dev.slamonitor.api;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the alert API as its own service, configured from the environment. */
public final class AlertApiMain {

    private static final Logger LOG = LoggerFactory.getLogger(AlertApiMain.class);

    private AlertApiMain() {
    }

    public static void main(String[] args) {
        try {
            AlertApiApp app = AlertApiApp.start(AppConfig.fromEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        } catch (ConfigException e) {
            LOG.error("Configuration error: {}", e.getMessage());
            System.exit(2);
        }
    }
}
