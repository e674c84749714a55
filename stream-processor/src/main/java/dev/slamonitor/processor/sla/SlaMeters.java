package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.kernel.AlertMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The SLA feature's own counters (documented in docs/metrics.md), next to the shared alert meters;
 * one instance per ticket processor, registered once per name and tag.
 */
final class SlaMeters {

    static final String FEATURE = "sla";

    final AlertMeters alerts;
    final Counter forgotten;
    final Counter timersForced;
    final Counter warningsSuperseded;
    final Counter alertsLate;

    SlaMeters(MeterRegistry registry, AlertMeters alerts) {
        this.alerts = alerts;
        this.forgotten = Counter.builder("slamon.tickets.forgotten")
                .description("Finished tickets whose state was deleted after the retention").tag("feature", FEATURE)
                .register(registry);
        this.timersForced = Counter.builder("slamon.timers.forced")
                .description("Due timers fired after waiting sla.timer.hold.max without the input being confirmed applied")
                .tag("feature", FEATURE).register(registry);
        this.warningsSuperseded = Counter.builder("slamon.warnings.superseded")
                .description("Warnings never sent because their breach was already due when the clock was evaluated")
                .tag("feature", FEATURE).register(registry);
        this.alertsLate = Counter.builder("slamon.alerts.late")
                .description("Alerts sent more than sla.alert.late.after after they were due (marked details.late)")
                .tag("feature", FEATURE).register(registry);
    }
}
