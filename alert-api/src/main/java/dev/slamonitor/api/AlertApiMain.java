package dev.slamonitor.api;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the alert API as its own service, configured from the environment. */
public final class AlertApiMain {

    static {
        // This service's own logging configuration, named so that it never clashes with an embedder's
        // logback.xml; an explicit -Dlogback.configurationFile wins. Runs before the first logger exists.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-api.xml");
        }
    }

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
