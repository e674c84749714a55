package dev.slamonitor.api.tickets;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gauges {@code slamon.api.tickets.at.risk} and {@code slamon.api.tickets.breached}
 * {severity, tier}: one series per severity and tier (zero when none), read from counts the view's
 * owner refreshes periodically, so a scrape never touches the view from another thread.
 */
public final class ViewGauges {

    private final AtomicReference<Map<TicketView.GaugeKey, Integer>> counts = new AtomicReference<>(Map.of());

    public ViewGauges(MeterRegistry registry) {
        for (Severity severity : Severity.values()) {
            for (SupportTier tier : SupportTier.values()) {
                register(registry, "slamon.api.tickets.at.risk", "Open tickets past a warning point, not breached",
                        TicketState.AT_RISK, severity.wire(), tier.wire());
                register(registry, "slamon.api.tickets.breached", "Open tickets with a breached SLA clock",
                        TicketState.BREACHED, severity.wire(), tier.wire());
            }
        }
    }

    private void register(MeterRegistry registry, String name, String help, TicketState state, String severity, String tier) {
        TicketView.GaugeKey key = new TicketView.GaugeKey(state, severity, tier);
        Gauge.builder(name, counts, c -> c.get().getOrDefault(key, 0))
                .description(help).tag("severity", severity).tag("tier", tier).register(registry);
    }

    public void update(Map<TicketView.GaugeKey, Integer> latest) {
        counts.set(Map.copyOf(latest));
    }
}
