package dev.slamonitor.processor.knowledge;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.knowledge.domain.KnowledgeRetention;
import java.time.Duration;

/**
 * The knowledge loop's configuration (keys {@code knowledge.*}), read and checked once when the
 * topology is built. What is policy (thresholds, windows, RCA due, ping-pong limit) lives in the
 * taxonomy document instead, so it can change at run time.
 */
record KnowledgeSettings(Duration maxWindow, Duration grace, Duration rearmInterval, Duration punctuationInterval,
                         int punctuationBudget, KnowledgeRetention ticketRetention) {

    /** Upper bound of one punctuation's work in wall-clock time; the rest is carried over. */
    static final long PUNCTUATION_MAX_MILLIS = 200;

    static KnowledgeSettings from(AppConfig config) {
        return new KnowledgeSettings(config.duration("knowledge.window.max"), config.duration("knowledge.window.grace"),
                config.duration("knowledge.rearm.interval"), config.duration("knowledge.punctuation.interval"),
                config.integer("knowledge.punctuation.budget", 1, 1_000_000), ticketRetention(config));
    }

    private static KnowledgeRetention ticketRetention(AppConfig config) {
        Duration keep = config.duration("knowledge.ticket.retention");
        if (keep.isZero() || keep.isNegative()) {
            throw config.invalid("knowledge.ticket.retention", "a positive duration such as 30d");
        }
        return new KnowledgeRetention(keep);
    }

    /** How long occurrences are kept: the longest window plus the grace for late resolutions. */
    Duration retention() {
        return maxWindow.plus(grace);
    }
}
