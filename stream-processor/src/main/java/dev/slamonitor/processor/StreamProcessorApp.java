package dev.slamonitor.processor;

import com.sun.net.httpserver.HttpServer;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.refund.topology.GovernancePolicyPublisher;
import dev.slamonitor.processor.sla.policy.PolicyPublisher;
import dev.slamonitor.processor.sla.policy.PolicyResources;
import dev.slamonitor.processor.timer.InputLagProbe;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.processor.knowledge.TaxonomySeeder;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-processor service: creates missing topics, runs the topology, and serves
 * {@code /metrics} (Prometheus) and {@code /health} (200 while RUNNING or REBALANCING) on its own
 * port. Close it to stop cleanly; local state is kept, never wiped at start.
 */
public final class StreamProcessorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorApp.class);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HttpServer http;
    private final CloseOptions.GroupMembershipOperation onClose;
    private final InputLagProbe lagProbe;

    private StreamProcessorApp(PrometheusMeterRegistry registry, KafkaStreams streams, KafkaStreamsMetrics streamsMetrics,
                               HttpServer http, CloseOptions.GroupMembershipOperation onClose, InputLagProbe lagProbe) {
        this.lagProbe = lagProbe;
        this.registry = registry;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.http = http;
        this.onClose = onClose;
    }

    public static StreamProcessorApp start(AppConfig config) {
        var props = StreamsSettings.from(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "stream-processor");
        InputLagProbe lagProbe = startLagProbe(config, props);
        TopologyEnv env = TopologyEnv.of(config, registry).withInputWatermark(lagProbe);
        registry.gauge("slamon.input.watermark.lag.seconds", lagProbe,
                p -> p.processedUpTo() == Long.MIN_VALUE ? Double.NaN : (System.currentTimeMillis() - p.processedUpTo()) / 1000.0);
        TopicProvisioner.ensureTopics(config, env.topics().all());
        GovernancePolicyPublisher.publishDefaultIfAbsent(config, env.topics());
        if (config.bool("sla.policy.publish.default")) {
            PolicyPublisher.publishIfNewer(KafkaClientConfig.common(config), env.topics().policies().name(),
                    PolicyResources.bytes(PolicyResources.class, PolicyResources.DEFAULT_POLICY));
        }
        TaxonomySeeder.seedIfEmpty(config, env.topics());
        Topology topology = ProcessorTopology.build(env);
        LOG.info("Topology:\n{}", topology.describe());

        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setStateListener((next, previous) -> LOG.info("Kafka Streams {} -> {}", previous, next));
        // A thread that dies on an unexpected error is replaced; its task restarts from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        bindJvmMetrics(registry);
        HttpServer http = startHttp(config, registry, streams);
        streams.start();
        LOG.info("Stream processor started: application.id={}, bootstrap={}, metrics http://{}:{}/metrics",
                props.get("application.id"), props.get("bootstrap.servers"), config.string("processor.http.host"),
                http.getAddress().getPort());
        return new StreamProcessorApp(registry, streams, streamsMetrics, http, StreamsSettings.groupMembershipOnClose(props),
                lagProbe);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    public boolean isHealthy() {
        return healthy(streams.state());
    }

    /**
     * Stops processing and commits. A dynamic member leaves the consumer group, so a restarted or
     * surviving instance gets the partitions at once instead of after the session timeout; a static
     * member ({@code group.instance.id}) stays, so a restart within the session timeout gets its own
     * tasks back without any rebalance (see {@link StreamsSettings#groupMembershipOnClose}).
     */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(onClose));
        lagProbe.close();
        streamsMetrics.close();
        http.stop(0);
        registry.close();
    }

    /** Measures how far the application has applied its input, for the timers (see {@link InputLagProbe}). */
    private static InputLagProbe startLagProbe(AppConfig config, Properties props) {
        String appId = props.getProperty("application.id");
        Topics topics = Topics.from(config);
        return new InputLagProbe(Admin.create(KafkaClientConfig.common(config)), appId, ProcessorTopology.inputStages(topics, appId),
                Clock.systemUTC()).start(config.duration("sla.timer.lag.probe.interval"));
    }

    private static boolean healthy(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static HttpServer startHttp(AppConfig config, PrometheusMeterRegistry registry, KafkaStreams streams) {
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(config.string("processor.http.host"), config.port("processor.http.port")), 0);
            server.createContext("/metrics", exchange -> {
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                respond(exchange, 200, body);
            });
            server.createContext("/health", exchange -> {
                KafkaStreams.State state = streams.state();
                byte[] body = ("{\"status\":\"" + (healthy(state) ? "UP" : "DOWN") + "\",\"streams\":\"" + state + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                respond(exchange, healthy(state) ? 200 : 503, body);
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on processor.http.port=" + config.string("processor.http.port")
                    + " (is it in use? set SLAMON_PROCESSOR_HTTP_PORT)", e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
