package dev.slamonitor.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's start-up console: one line per component as it becomes ready, with the time since
 * the launcher started, then the summary. It writes to the {@value #LOGGER} logger, which the
 * launcher's logging configuration prints as bare lines (or JSON with {@code SLAMON_LOG_FORMAT=json});
 * {@code --quiet} turns the progress lines off and keeps the summary.
 */
public final class StartupProgress {

    /** Logger of the console lines; INFO shows progress, the summary is logged at WARN so --quiet keeps it. */
    public static final String LOGGER = "dev.slamonitor.standalone.console";

    private static final Logger CONSOLE = LoggerFactory.getLogger(LOGGER);

    private final long startedNanos;

    public StartupProgress(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    /** A component became ready. */
    public void ready(String component, String detail) {
        CONSOLE.info(String.format("[%5.1f s] %-17s %s", elapsedMillis() / 1000.0, component, detail));
    }

    /** The summary, once everything is ready. */
    public void summary(String text) {
        CONSOLE.warn(text);
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
