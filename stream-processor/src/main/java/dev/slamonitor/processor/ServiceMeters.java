package dev.slamonitor.processor;

import dev.slamonitor.processor.kernel.InputLagProbe;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The service's meter registry and the meters that describe the process rather than a feature: JVM
 * and system binders and the input watermark's lag. (Kafka Streams' own metrics are bound by the
 * application once its {@code KafkaStreams} exists; the features' meters are in docs/metrics.md.)
 */
final class ServiceMeters {

    private ServiceMeters() {
    }

    static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "stream-processor");
        return registry;
    }

    static void bindInputLag(PrometheusMeterRegistry registry, InputLagProbe lagProbe) {
        registry.gauge("slamon.input.watermark.lag.seconds", lagProbe,
                p -> p.processedUpTo() == Long.MIN_VALUE ? Double.NaN : (System.currentTimeMillis() - p.processedUpTo()) / 1000.0);
    }

    static void bindJvm(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }
}
