package dev.slamonitor.api;

import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.api.web.ApiSettings;
import dev.slamonitor.api.web.ServerGuard;
import dev.slamonitor.api.web.RequestLimits;
import dev.slamonitor.event.EventTimeWindow;
import dev.slamonitor.api.kafka.KafkaPublisher;
import dev.slamonitor.api.webhook.WebhookReceiver;
import dev.slamonitor.api.webhook.WebhookReceivers;
import dev.slamonitor.api.webhook.WebhookSettings;
import dev.slamonitor.api.webhook.WebhookVerticle;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.LoggingSettings;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert-API service: checks its keys and receivers (fails fast with a clear message), creates
 * missing topics, then runs the HTTP verticle (live view, SSE, ingest, acks) and, when receivers are
 * configured, the webhook verticle, on one Vert.x instance whose metrics go to one Prometheus
 * registry. One idempotent producer (acks=all) serves ingest, acks and webhook dead letters.
 */
public final class AlertApiApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertApiApp.class);

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMetrics producerMetrics;
    private final HttpApiVerticle http;

    private AlertApiApp(Vertx vertx, PrometheusMeterRegistry registry, KafkaProducer<String, byte[]> producer,
                        KafkaClientMetrics producerMetrics, HttpApiVerticle http) {
        this.vertx = vertx;
        this.registry = registry;
        this.producer = producer;
        this.producerMetrics = producerMetrics;
        this.http = http;
    }

    /** Every setting the API reads, as readers for {@link AppConfig#validate} (nothing connects). */
    public static List<Consumer<AppConfig>> settingsReaders() {
        return List.of(LoggingSettings::check, ApiKeys::from, WebhookReceivers::load, ApiSettings::from, WebhookSettings::from,
                ServerGuard.Settings::from, TopicFeed.Timing::from, RequestLimits::of, EventTimeWindow::from,
                TopicProvisioner::settings);
    }

    public static AlertApiApp start(AppConfig config) {
        config.validate(settingsReaders());
        ApiKeys keys = ApiKeys.from(config);
        List<WebhookReceiver> receivers = WebhookReceivers.load(config);
        ServerGuard.Settings httpSettings = ServerGuard.Settings.from(config);
        Topics topics = Topics.from(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "alert-api");
        RequestLimits limits = new RequestLimits(config, registry, System::nanoTime);
        TopicFeed.Timing feedTiming = TopicFeed.Timing.from(config);
        // Every setting above is checked before the first connection to Kafka.
        TopicProvisioner.ensureTopics(config, topics.all());

        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        KafkaProducer<String, byte[]> producer = producer(config);
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        // Fetch metadata now so that the first request does not wait for it.
        producer.partitionsFor(topics.events().name());

        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        HttpApiVerticle http = new HttpApiVerticle(config, httpSettings, feedTiming, limits, registry, keys, producer, topics,
                Clock.systemUTC());
        try {
            vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
            if (!receivers.isEmpty()) {
                vertx.deployVerticle(new WebhookVerticle(config, receivers, new KafkaPublisher(producer), topics, registry,
                        Clock.systemUTC(), http::openAlerts)).await(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            vertx.close();
            producer.close(Duration.ofSeconds(5));
            throw new IllegalStateException("Alert API failed to start: " + e.getMessage(), e);
        }
        LOG.info("Alert API listening on http://{}:{} ({} API keys, {} webhook receivers {}, /metrics {})",
                config.string("api.http.host"), http.actualPort(), keys.size(), receivers.size(),
                receivers.stream().map(WebhookReceiver::name).toList(),
                config.bool("api.metrics.public") ? "public" : "needs a key with role metrics");
        return new AlertApiApp(vertx, registry, producer, producerMetrics, http);
    }

    private static KafkaProducer<String, byte[]> producer(AppConfig config) {
        Map<String, Object> props = new HashMap<>(KafkaClientConfig.common(config));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-api-producer");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public int port() {
        return http.actualPort();
    }

    /** True once the live view has read the state and alerts topics up to where they ended at start. */
    public boolean isViewReady() {
        return http.isViewReady();
    }

    /** True while every readiness check is UP (what {@code /health/ready} answers). */
    public boolean isReady() {
        return http.isReady();
    }

    /** Waits until {@code /health/ready} would answer UP; false on timeout. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReady() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return isReady();
    }

    /** Waits until the view is ready; false on timeout. */
    public boolean awaitViewReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isViewReady() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return isViewReady();
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
        producerMetrics.close();
        producer.close(Duration.ofSeconds(10));
        registry.close();
    }
}
