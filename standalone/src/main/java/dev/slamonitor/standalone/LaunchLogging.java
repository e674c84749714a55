package dev.slamonitor.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The logging of this module's programs (launcher, demo traffic, demo webhook receiver): their own Logback configuration ({@value #CONFIGURATION}, never a
 * {@code logback.xml} that would clash with an embedder's), and the console verbosity chosen by
 * {@code --quiet} / {@code --verbose} on top of the {@code SLAMON_LOG_*} levels.
 */
public final class LaunchLogging {

    static final String CONFIGURATION = "logback-standalone.xml";

    enum Verbosity { QUIET, NORMAL, VERBOSE }

    private LaunchLogging() {
    }

    /** Must run before the first logger is created; an explicit -Dlogback.configurationFile wins. */
    public static void useLauncherConfiguration() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", CONFIGURATION);
        }
    }

    static void apply(Verbosity verbosity) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context) || verbosity == Verbosity.NORMAL) {
            return;
        }
        if (verbosity == Verbosity.QUIET) {
            // The summary is logged at WARN, so it stays; progress lines and warnings go.
            context.getLogger(StartupProgress.LOGGER).setLevel(Level.WARN);
            context.getLogger("dev.slamonitor").setLevel(Level.ERROR);
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.ERROR);
            for (String logger : new String[] {"org.apache.kafka", "kafka", "io.vertx", "io.netty"}) {
                context.getLogger(logger).setLevel(Level.ERROR);
            }
        } else {
            // The services' own INFO lines and the topology description (DEBUG).
            context.getLogger("dev.slamonitor").setLevel(Level.DEBUG);
        }
    }
}
