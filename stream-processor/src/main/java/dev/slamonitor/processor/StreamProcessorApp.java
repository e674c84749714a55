package dev.slamonitor.processor;

import com.sun.net.httpserver.HttpServer;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.LoggingSettings;
import dev.slamonitor.processor.refund.topology.GovernancePolicyPublisher;
import dev.slamonitor.processor.sla.policy.PolicyPublisher;
import dev.slamonitor.processor.sla.policy.PolicyResources;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.processor.knowledge.TaxonomySeeder;
import dev.slamonitor.topic.TopicProvisioner;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The stream-processor service: creates missing topics, runs the topology, and serves
 * {@code /metrics} (Prometheus) and {@code /health} (200 while RUNNING or REBALANCING) on its own
 * port. Close it to stop cleanly; local state is kept, never wiped at start.
 */
public final class StreamProcessorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorApp.class);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    public static final String TOPOLOGY_FILE = "topology.txt";

    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HttpServer http;
    private final CloseOptions.GroupMembershipOperation onClose;
    private final Path topologyFile;

    private StreamProcessorApp(PrometheusMeterRegistry registry, KafkaStreams streams, KafkaStreamsMetrics streamsMetrics,
                               HttpServer http, CloseOptions.GroupMembershipOperation onClose, Path topologyFile) {
        this.topologyFile = topologyFile;
        this.registry = registry;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.http = http;
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
                TopicProvisioner::settings,
                c -> {
                    c.string("processor.http.host");
                    c.port("processor.http.port");
                    c.bool("sla.policy.publish.default");
                    c.bool("refund.policy.publish.default");
                    c.bool("knowledge.taxonomy.seed");
                },
                StreamProcessorApp::extraPolicies,
                c -> ProcessorTopology.build(TopologyEnv.of(c, new SimpleMeterRegistry())));
    }

    /** The policies named by {@code sla.policy.publish.resources} (class-path resources), read at start. */
    private static List<byte[]> extraPolicies(AppConfig config) {
        List<byte[]> policies = new ArrayList<>();
        for (String resource : config.optional("sla.policy.publish.resources").orElse("").split(",")) {
            if (resource.isBlank()) {
                continue;
            }
            try {
                policies.add(PolicyResources.bytes(PolicyResources.class, resource.trim()));
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
        var props = StreamsSettings.from(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("application", "stream-processor");
        TopologyEnv env = TopologyEnv.of(config, registry);
        TopicProvisioner.ensureTopics(config, env.topics().all());
        GovernancePolicyPublisher.publishDefaultIfAbsent(config, env.topics());
        if (config.bool("sla.policy.publish.default")) {
            PolicyPublisher.publishIfNewer(KafkaClientConfig.common(config), env.topics().policies().name(),
                    PolicyResources.bytes(PolicyResources.class, PolicyResources.DEFAULT_POLICY));
        }
        for (byte[] policy : extraPolicies(config)) {
            PolicyPublisher.publishIfNewer(KafkaClientConfig.common(config), env.topics().policies().name(), policy);
        }
        TaxonomySeeder.seedIfEmpty(config, env.topics());
        Topology topology = ProcessorTopology.build(env);
        // Hundreds of lines: at DEBUG, and always in a file beside the state.
        String description = topology.describe().toString();
        LOG.debug("Topology:\n{}", description);
        Path topologyFile = writeTopology(props, description);

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
        return new StreamProcessorApp(registry, streams, streamsMetrics, http, StreamsSettings.groupMembershipOnClose(props), topologyFile);
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
        streamsMetrics.close();
        http.stop(0);
        registry.close();
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
