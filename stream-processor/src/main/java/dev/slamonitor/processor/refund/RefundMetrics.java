package dev.slamonitor.processor.refund;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.processor.kernel.AlertMeters;
import dev.slamonitor.processor.refund.domain.ReportingCurrency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * The refund feature's meters (names agreed across the team, see docs/metrics.md). Tag values are
 * bounded: codes outside the taxonomy count as {@code unknown}, teams come from ticket openings.
 */
final class RefundMetrics {

    static final String LEAKAGE = "slamon.refund.leakage";
    static final String LEAKAGE_REPORTING = "slamon.refund.leakage.reporting";
    static final String LEAKAGE_UNCONVERTED = "slamon.refund.leakage.unconverted";
    static final String RATES_VALID_UNTIL = "slamon.refund.reporting.rates.valid.until.seconds";
    static final String CYCLE = "slamon.refund.approval.cycle";
    static final String VIOLATIONS = "slamon.refund.violations";
    static final String FEATURE = "refund";

    private static final Duration[] CYCLE_BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(1),
        Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24), Duration.ofHours(48), Duration.ofHours(72)};

    private final MeterRegistry registry;
    private final AlertMeters alerts;
    private final ReportingCurrency reporting;

    RefundMetrics(MeterRegistry registry, AlertMeters alerts, ReportingCurrency reporting) {
        this.registry = registry;
        this.alerts = alerts;
        this.reporting = reporting;
        Gauge.builder(RATES_VALID_UNTIL, () -> reporting.ratesValidUntil().atStartOfDay(ZoneOffset.UTC).plusDays(1).toEpochSecond())
                .description("End of the last day the reporting-currency conversion table is meant for (epoch seconds)")
                .tag("currency", reporting.currency()).register(registry);
    }

    /** The approved amount in its own currency, and converted into the reporting currency (or counted as unconverted). */
    void leakage(String code, String currency, String team, BigDecimal amount) {
        Counter.builder(LEAKAGE).description("Approved refund amount (in the refund's currency)")
                .tag("code", code).tag("currency", currency).tag("team", team)
                .register(registry).increment(amount.doubleValue());
        reporting.convert(currency, amount).ifPresentOrElse(
                converted -> Counter.builder(LEAKAGE_REPORTING)
                        .description("Approved refund amount converted into the reporting currency")
                        .tag("code", code).tag("team", team).tag("currency", reporting.currency())
                        .register(registry).increment(converted.doubleValue()),
                () -> Counter.builder(LEAKAGE_UNCONVERTED)
                        .description("Approved refund amount in a currency the conversion table has no rate for")
                        .tag("currency", currency).register(registry).increment(amount.doubleValue()));
    }

    void cycle(String band, Duration cycle) {
        Timer.builder(CYCLE).description("Time from refund request to first decision (event time)")
                .tag("band", band)
                // Buckets at the SLAs that matter (a few series per band, not Micrometer's ~100 default buckets).
                .serviceLevelObjectives(CYCLE_BUCKETS)
                .register(registry).record(cycle);
    }

    void violation(String rule) {
        Counter.builder(VIOLATIONS).description("Refund governance violations").tag("rule", rule)
                .register(registry).increment();
    }

    void alert(Alert alert) {
        alerts.record(alert);
    }
}
