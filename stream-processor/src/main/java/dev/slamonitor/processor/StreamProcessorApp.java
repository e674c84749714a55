package dev.slamonitor.processor;

import com.sun.net.httpserver.HttpServer;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.health.HealthSettings;
import dev.slamonitor.processor.health.HealthStatus;
import dev.slamonitor.processor.health.ProcessorHealth;
import dev.slamonitor.processor.health.RestoreCounter;
import dev.slamonitor.config.LoggingSettings;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.processor.refund.GovernanceChannel;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.processor.timer.InputLagProbe;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.processor.knowledge.TaxonomyChannel;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-processor service: creates missing topics, runs the topology, and serves on its own
 * address ({@code processor.http.host}:{@code processor.http.port}) exactly these paths:
 * {@code /metrics} (Prometheus), {@code /health/live}, {@code /health/ready} and {@code /health} (the
 * same as ready); see {@link ProcessorHealth}. Anything else is 404. Close it to stop cleanly; local
 * state is kept, never wiped at start.
 */
public final class StreamProcessorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorApp.class);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    public static final String TOPOLOGY_FILE = "topology.txt";

    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HttpServer http;
    private final ProcessorHealth health;
    private final Admin admin;
    private final CloseOptions.GroupMembershipOperation onClose;
    private final Path topologyFile;
    private final InputLagProbe lagProbe;

    private StreamProcessorApp(PrometheusMeterRegistry registry, KafkaStreams streams, KafkaStreamsMetrics streamsMetrics,
                               HttpServer http, ProcessorHealth health, Admin admin, CloseOptions.GroupMembershipOperation onClose,
                               Path topologyFile, InputLagProbe lagProbe) {
        this.topologyFile = topologyFile;
        this.lagProbe = lagProbe;
        this.registry = registry;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.http = http;
        this.health = health;
        this.admin = admin;
        this.onClose = onClose;
    }

    /**
     * Every setting the processor reads, as readers for {@link AppConfig#validate}: the Streams and
     * client properties (checked by Kafka's definitions), the HTTP endpoint, the start-up publishers'
     * switches and, by building the topology without running it, every feature's typed settings.
     */
    public static List<Consumer<AppConfig>> settingsReaders() {
        return List.of(
                LoggingSettings::check,
                StreamsSettings::from,
                HealthSettings::from,
                TopicProvisioner::settings,
                c -> {
                    c.string("processor.http.host");
                    c.port("processor.http.port");
                    c.bool("sla.policy.publish.default");
                    c.bool("refund.policy.publish.default");
                    c.bool("knowledge.taxonomy.seed");
                    c.duration("sla.timer.lag.probe.interval");
                },
                StreamProcessorApp::extraPolicies,
                c -> ProcessorTopology.addTo(new org.apache.kafka.streams.StreamsBuilder(), TopologyEnv.of(c, new SimpleMeterRegistry())));
    }

    /** The policies named by {@code sla.policy.publish.resources} (class-path resources), read at start. */
    private static List<byte[]> extraPolicies(AppConfig config) {
        List<byte[]> policies = new ArrayList<>();
        for (String resource : config.optional("sla.policy.publish.resources").orElse("").split(",")) {
            if (resource.isBlank()) {
                continue;
            }
            try {
                policies.add(BundledDocument.bytes(StreamProcessorApp.class, resource.trim()));
            } catch (RuntimeException e) {
                config.problem(config.invalid("sla.policy.publish.resources",
                        "comma-separated class-path resources of SLA policies (" + resource.trim() + " is missing)",
                        "/policies/demo-fast-policy.json"));
            }
        }
        return policies;
    }

    public static StreamProcessorApp start(AppConfig config) {
        config.validate(settingsReaders());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "stream-processor");
        TopologyEnv plainEnv = TopologyEnv.of(config, registry);
        var props = plainEnv.streamsProperties();
        InputLagProbe lagProbe = startLagProbe(config, props);
        TopologyEnv env = plainEnv.withInputWatermark(lagProbe);
        registry.gauge("slamon.input.watermark.lag.seconds", lagProbe,
                p -> p.processedUpTo() == Long.MIN_VALUE ? Double.NaN : (System.currentTimeMillis() - p.processedUpTo()) / 1000.0);
        HealthSettings healthSettings = HealthSettings.from(config);
        TopicProvisioner.ensureTopics(config, env.topics().all());
        GovernanceChannel.publishDefaultIfAbsent(config, env.topics());
        if (config.bool("sla.policy.publish.default")) {
            SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(config), env.topics().policies().name(),
                    BundledDocument.bytes(SlaPolicyChannel.class, SlaPolicyChannel.DEFAULT_POLICY));
        }
        for (byte[] policy : extraPolicies(config)) {
            SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(config), env.topics().policies().name(), policy);
        }
        TaxonomyChannel.seedIfEmpty(config, env.topics());
        Topology topology = ProcessorTopology.build(env);
        // Hundreds of lines: at DEBUG, and always in a file beside the state.
        String description = topology.describe().toString();
        LOG.debug("Topology:\n{}", description);
        Path topologyFile = writeTopology(props, description);

        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setStateListener((next, previous) -> LOG.info("Kafka Streams {} -> {}", previous, next));
        RestoreCounter restores = new RestoreCounter(registry);
        streams.setGlobalStateRestoreListener(restores);
        Admin admin = Admin.create(KafkaClientConfig.common(config));
        ProcessorHealth health = new ProcessorHealth(streams, admin, restores, healthSettings, registry, Clock.systemUTC());
        // A failure on one record is a dead letter (DeadLetterExceptionHandler); what still kills a
        // thread (a broker refusing writes, a lost store) replaces it, and readiness counts replacements.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            health.threadReplaced();
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        bindJvmMetrics(registry);
        HttpServer http = startHttp(config, registry, health);
        streams.start();
        health.start();
        LOG.info("Stream processor started: application.id={}, bootstrap={}, metrics http://{}:{}/metrics, readiness /health/ready",
                props.get("application.id"), props.get("bootstrap.servers"), config.string("processor.http.host"),
                http.getAddress().getPort());
        return new StreamProcessorApp(registry, streams, streamsMetrics, http, health, admin,
                StreamsSettings.groupMembershipOnClose(props), topologyFile, lagProbe);
    }

    /** Where the topology description was written: {@value #TOPOLOGY_FILE} in {@code streams.state.dir}. */
    public Path topologyFile() {
        return topologyFile;
    }

    private static Path writeTopology(Properties props, String description) {
        Path file = Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir")))
                .resolve(TOPOLOGY_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, description);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the topology description to " + file, e);
        }
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

    public ProcessorHealth health() {
        return health;
    }

    /**
     * Stops processing and commits. A dynamic member leaves the consumer group, so a restarted or
     * surviving instance gets the partitions at once instead of after the session timeout; a static
     * member ({@code group.instance.id}) stays, so a restart within the session timeout gets its own
     * tasks back without any rebalance (see {@link StreamsSettings#groupMembershipOnClose}).
     */
    @Override
    public void close() {
        health.close();
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(onClose));
        lagProbe.close();
        streamsMetrics.close();
        http.stop(0);
        admin.close(Duration.ofSeconds(5));
        registry.close();
    }

    /** Measures how far the application has applied its input, for the timers (see {@link InputLagProbe}). */
    private static InputLagProbe startLagProbe(AppConfig config, Properties props) {
        String appId = props.getProperty("application.id");
        Topics topics = Topics.from(config);
        return new InputLagProbe(Admin.create(KafkaClientConfig.common(config)), appId, ProcessorTopology.inputStages(topics, appId),
                Clock.systemUTC()).start(config.duration("sla.timer.lag.probe.interval"));
    }

    private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static HttpServer startHttp(AppConfig config, PrometheusMeterRegistry registry, ProcessorHealth health) {
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(config.string("processor.http.host"), config.port("processor.http.port")), 0);
            // one context for all paths: the JDK server matches contexts by prefix, and only exact paths may answer
            server.createContext("/", exchange -> {
                try (exchange) {
                    String path = exchange.getRequestURI().getRawPath();
                    boolean get = "GET".equals(exchange.getRequestMethod());
                    switch (path) {
                        case "/metrics" -> {
                            if (!get) {
                                respond(exchange, 405, "text/plain", "method not allowed");
                                return;
                            }
                            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
                        }
                        case "/health", "/health/ready" -> {
                            HealthStatus status = health.ready();
                            respond(exchange, get ? (status.up() ? 200 : 503) : 405, "application/json", status.toJson());
                        }
                        case "/health/live" -> {
                            boolean live = health.live();
                            respond(exchange, get ? (live ? 200 : 503) : 405, "application/json",
                                    "{\"status\":\"" + (live ? "UP" : "DOWN") + "\"}");
                        }
                        default -> respond(exchange, 404, "application/json", "{\"status\":404,\"detail\":\"no such path\"}");
                    }
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on processor.http.port=" + config.string("processor.http.port")
                    + " (is it in use? set SLAMON_PROCESSOR_HTTP_PORT)", e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String contentType, String text)
            throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
