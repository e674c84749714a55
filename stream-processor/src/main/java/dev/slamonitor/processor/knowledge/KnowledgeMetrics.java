package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.processor.kernel.AlertMeters;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The knowledge loop's meters (names agreed in the preamble; documented in docs/metrics.md). The
 * open-items gauge sums the open items each task reports, so it is right for every task this
 * instance runs, and a task that moves away takes its share with it.
 */
final class KnowledgeMetrics {

    private final MeterRegistry registry;
    private final AlertMeters alerts;
    private final Map<String, Long> openItemsByTask = new ConcurrentHashMap<>();

    KnowledgeMetrics(MeterRegistry registry, AlertMeters alerts) {
        this.registry = registry;
        this.alerts = alerts;
        Gauge.builder("slamon.remediation.items.open", openItemsByTask,
                        m -> m.values().stream().mapToLong(Long::longValue).sum())
                .description("Remediation items opened by drift and not closed with evidence")
                .strongReference(true).register(registry);
    }

    void alert(Alert alert) {
        alerts.record(alert);
        if (alert.type() == AlertType.DRIFT) {
            Counter.builder("slamon.drift.alerts").description("DRIFT alerts by root-cause tag")
                    .tag("tag", alert.subject()).register(registry).increment();
        }
    }

    /** One escalated ticket resolved; {@code repeat} when another ticket had its root cause within the longest window. */
    void escalatedResolution(String bucket, boolean repeat) {
        Counter.builder("slamon.escalated.resolutions").description("Escalated tickets resolved")
                .register(registry).increment();
        if (repeat) {
            Counter.builder("slamon.repeat.escalations")
                    .description("Escalated tickets resolved with a root cause already seen on another ticket within the longest window")
                    .tag("tag", bucket).register(registry).increment();
        }
    }

    void unknownRootCause() {
        Counter.builder("slamon.root.causes.unknown")
                .description("Resolutions whose root cause is outside the taxonomy (counted under 'unknown')")
                .register(registry).increment();
    }

    void lateResolution() {
        Counter.builder("slamon.root.causes.late")
                .description("Resolutions that arrived later than knowledge.window.grace and were not counted")
                .register(registry).increment();
    }

    /** The timer punctuation of one knowledge processor ({@code feature} tags its meters). */
    TimerPunctuation timers(String feature, KnowledgeSettings settings) {
        return new TimerPunctuation(feature, settings.punctuationInterval(),
                new TimerPunctuation.Budget(settings.punctuationBudget(), KnowledgeSettings.PUNCTUATION_MAX_MILLIS), registry);
    }

    Counter forgotten(String feature) {
        return Counter.builder("slamon.tickets.forgotten").description("Finished tickets whose state was deleted after the retention")
                .tag("feature", feature).register(registry);
    }

    void openItems(String taskId, long count) {
        openItemsByTask.put(taskId, count);
    }

    void taskClosed(String taskId) {
        openItemsByTask.remove(taskId);
    }
}
