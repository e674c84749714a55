package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.LoggingSettings;
import dev.slamonitor.processor.health.HealthSettings;
import dev.slamonitor.processor.health.ProcessorHealth;
import dev.slamonitor.processor.health.RestoreCounter;
import dev.slamonitor.processor.kernel.InputLagProbe;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-processor service's lifecycle: validates the settings, creates missing topics, publishes
 * the start-up documents ({@link StartupDocuments}), runs the topology and serves its
 * {@link ProcessorHttpServer} (metrics and health, see {@link ProcessorHealth}). Close it to stop
 * cleanly; local state is kept, never wiped at start.
 */
public final class StreamProcessorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamProcessorApp.class);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final ProcessorHttpServer http;
    private final ProcessorHealth health;
    private final Admin admin;
    private final CloseOptions.GroupMembershipOperation onClose;
    private final Path topologyFile;
    private final InputLagProbe lagProbe;

    private StreamProcessorApp(PrometheusMeterRegistry registry, KafkaStreams streams, KafkaStreamsMetrics streamsMetrics,
                               ProcessorHttpServer http, ProcessorHealth health, Admin admin,
                               CloseOptions.GroupMembershipOperation onClose, Path topologyFile, InputLagProbe lagProbe) {
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
                StartupDocuments::extraPolicies,
                c -> ProcessorTopology.addTo(new StreamsBuilder(), TopologyEnv.of(c, new SimpleMeterRegistry())));
    }

    public static StreamProcessorApp start(AppConfig config) {
        config.validate(settingsReaders());
        PrometheusMeterRegistry registry = ServiceMeters.registry();
        TopologyEnv plainEnv = TopologyEnv.of(config, registry);
        var props = plainEnv.streamsProperties();
        InputLagProbe lagProbe = startLagProbe(config, props);
        TopologyEnv env = plainEnv.withInputWatermark(lagProbe);
        ServiceMeters.bindInputLag(registry, lagProbe);
        HealthSettings healthSettings = HealthSettings.from(config);
        TopicProvisioner.ensureTopics(config, env.topics().all());
        StartupDocuments.publish(config, env.topics());
        Topology topology = ProcessorTopology.build(env);
        Path topologyFile = TopologyFile.write(topology, props);

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
        ServiceMeters.bindJvm(registry);
        ProcessorHttpServer http = ProcessorHttpServer.start(config, registry, health);
        streams.start();
        health.start();
        LOG.info("Stream processor started: application.id={}, bootstrap={}, metrics http://{}:{}/metrics, readiness /health/ready",
                props.get("application.id"), props.get("bootstrap.servers"), config.string("processor.http.host"), http.port());
        return new StreamProcessorApp(registry, streams, streamsMetrics, http, health, admin,
                StreamsSettings.groupMembershipOnClose(props), topologyFile, lagProbe);
    }

    /** Where the topology description was written ({@link TopologyFile}, in {@code streams.state.dir}). */
    public Path topologyFile() {
        return topologyFile;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int httpPort() {
        return http.port();
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
        http.stop();
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
}
