package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the stream processor as its own service, configured from the environment. */
public final class StreamProcessorMain {

    static {
        // This service's own logging configuration, named so that it never clashes with an embedder's
        // logback.xml; an explicit -Dlogback.configurationFile wins. Runs before the first logger exists.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-processor.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorMain.class);

    private StreamProcessorMain() {
    }

    public static void main(String[] args) {
        try {
            StreamProcessorApp app = StreamProcessorApp.start(AppConfig.fromEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        } catch (ConfigException e) {
            LOG.error("Configuration error: {}", e.getMessage());
            System.exit(2);
        }
    }
}
