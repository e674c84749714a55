package dev.slamonitor.processor.kernel;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The alert meters of every feature, built once per application and handed to the features through
 * {@link dev.slamonitor.processor.TopologyEnv#alerts()}: {@code slamon.alerts{type,severity,tier}} for
 * every notice emitted (first notices and re-notifications), {@code slamon.alert.transitions{type,state}}
 * for every ACKNOWLEDGED and RESOLVED record a feature reports, and {@code slamon.breach.lateness{clock}}
 * (firedAt minus deadline) for every BREACH notice. Counted when the processor emits; under exactly-once
 * a task that aborts and re-processes counts again, so these are operational numbers, the alerts topic
 * is the record.
 */
public final class AlertMeters {

    public static final String ALERTS = "slamon.alerts";
    public static final String TRANSITIONS = "slamon.alert.transitions";
    public static final String BREACH_LATENESS = "slamon.breach.lateness";

    private final MeterRegistry registry;

    public AlertMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Alert alert) {
        if (!alert.notifies()) {
            Counter.builder(TRANSITIONS).description("Alert lifecycle records emitted (ACKNOWLEDGED, RESOLVED), by type")
                    .tag("type", alert.type().name())
                    .tag("state", alert.state().name())
                    .register(registry).increment();
            return;
        }
        Counter.builder(ALERTS).description("Alert notices emitted by any feature (first notices and re-notifications), by type, severity and tier")
                .tag("type", alert.type().name())
                .tag("severity", orNone(alert.severity()))
                .tag("tier", orNone(alert.tier()))
                .register(registry).increment();
        if (alert.type() == AlertType.BREACH && alert.deadline() != null && alert.firedAt() != null) {
            Timer.builder(BREACH_LATENESS).description("How long after its deadline a breach alert fired")
                    .tag("clock", orNone(alert.clock()))
                    .publishPercentiles(0.5, 0.99)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry)
                    .record(Duration.between(alert.deadline(), alert.firedAt()).isNegative() ? Duration.ZERO
                            : Duration.between(alert.deadline(), alert.firedAt()));
        }
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
