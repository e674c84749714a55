package dev.slamonitor.processor.metrics;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.metrics.domain.BusinessTarget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes every {@code target.*} setting as the gauge {@code slamon_target{metric,better}}, so that
 * dashboards and alert rules compute on-target / off-target in PromQL against the configured value
 * instead of a number copied into a panel. A malformed target stops start-up, naming the key.
 */
public final class BusinessTargets {

    public static final String METRIC = "slamon.target";
    public static final String PREFIX = "target.";

    private BusinessTargets() {
    }

    public static List<BusinessTarget> from(AppConfig config) {
        List<BusinessTarget> targets = new ArrayList<>();
        config.withPrefix(PREFIX).forEach((suffix, text) -> targets.add(BusinessTarget.parse(suffix, text)
                .orElseThrow(() -> config.invalid(PREFIX + suffix,
                        "'<= value' or '>= value' where value is a number or a duration such as 30m"))));
        return List.copyOf(targets);
    }

    /** Registers one gauge per target; the targets are constants for the life of the process. */
    public static List<BusinessTarget> register(AppConfig config, MeterRegistry registry) {
        List<BusinessTarget> targets = from(config);
        for (BusinessTarget target : targets) {
            Gauge.builder(METRIC, target, BusinessTarget::value)
                    .description("Business target from configuration (target.*); compare with better=lower|higher")
                    .tag("metric", target.metric()).tag("better", target.better().label())
                    .strongReference(true) // gauges hold their object weakly by default
                    .register(registry);
        }
        return targets;
    }
}
