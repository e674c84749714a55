package dev.slamonitor.processor.health;

import dev.slamonitor.config.AppConfig;
import java.time.Duration;

/** Settings of the processor's readiness checks ({@code processor.health.*}), read once. */
public record HealthSettings(int maxThreadReplacements, Duration replacementWindow, Duration stallTimeout,
                             Duration checkInterval, Duration clusterTimeout) {

    public static HealthSettings from(AppConfig config) {
        HealthSettings settings = new HealthSettings(config.integer("processor.health.max.thread.replacements", 0, 1_000_000),
                config.duration("processor.health.thread.replacement.window"), config.duration("processor.health.stall.timeout"),
                config.duration("processor.health.check.interval"), config.duration("processor.health.cluster.timeout"));
        if ((settings.checkInterval().isZero() || settings.checkInterval().isNegative())) {
            throw config.invalid("processor.health.check.interval", "a positive duration");
        }
        if ((settings.clusterTimeout().isZero() || settings.clusterTimeout().isNegative())) {
            throw config.invalid("processor.health.cluster.timeout", "a positive duration");
        }
        if ((settings.stallTimeout().isZero() || settings.stallTimeout().isNegative())) {
            throw config.invalid("processor.health.stall.timeout", "a positive duration");
        }
        return settings;
    }
}
