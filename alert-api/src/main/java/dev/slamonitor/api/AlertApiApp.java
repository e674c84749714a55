package dev.slamonitor.api;

import dev.slamonitor.config.AppConfig;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert-API service: a Vert.x instance whose HTTP, event-bus and pool metrics go to one
 * Prometheus registry, with the HTTP verticle deployed on it.
 */
public final class AlertApiApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertApiApp.class);

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final int port;

    private AlertApiApp(Vertx vertx, PrometheusMeterRegistry registry, int port) {
        this.vertx = vertx;
        this.registry = registry;
        this.port = port;
    }

    public static AlertApiApp start(AppConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "alert-api");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Vertx vertx = Vertx.builder()
                .with(new io.vertx.core.VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        HttpApiVerticle verticle = new HttpApiVerticle(config, registry);
        try {
            vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("Alert API failed to start: " + e.getMessage(), e);
        }
        LOG.info("Alert API listening on http://{}:{}", config.string("api.http.host"), verticle.actualPort());
        return new AlertApiApp(vertx, registry, verticle.actualPort());
    }

    public int port() {
        return port;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        Future<Void> closed = vertx.close();
        try {
            closed.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Alert API did not close cleanly: {}", e.getMessage());
        }
        registry.close();
    }
}
