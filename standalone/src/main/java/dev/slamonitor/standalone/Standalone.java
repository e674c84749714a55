package dev.slamonitor.standalone;

import dev.slamonitor.api.AlertApiApp;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.kafka.embedded.EmbeddedKafkaBroker;
import dev.slamonitor.processor.StreamProcessorApp;
import dev.slamonitor.standalone.demo.DemoTraffic;
import dev.slamonitor.standalone.webhook.DemoWebhooks;
import dev.slamonitor.topic.KafkaClientConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole system in one process for local use: a real KRaft broker, the stream processor and the
 * alert API wired to it, and optionally the demo traffic (with the demo-fast SLA policy) and a loopback webhook
 * receiver the API delivers the demo's alerts to. It owns its data directory exclusively
 * ({@link DataDirLock}) for as long as it runs. Closing stops everything in reverse order.
 */
public final class Standalone implements AutoCloseable {

    /** The demo's SLA policy (selects ticket ids DEMO-*), published to the policies topic with --demo. */
    public static final String DEMO_POLICY = "/policies/demo-fast-policy.json";
    /** The readiness endpoint both services expose; the summary waits for both. */
    static final String READY_PATH = "/health/ready";

    private final DataDirLock lock;
    private final EmbeddedKafkaBroker broker;
    private final StreamProcessorApp processor;
    private final AlertApiApp api;
    private final DemoTraffic demo;
    private final AppConfig config;
    private final DemoKeys keys;
    private final DemoWebhooks webhooks;

    private Standalone(DataDirLock lock, EmbeddedKafkaBroker broker, StreamProcessorApp processor, AlertApiApp api, DemoTraffic demo,
                       AppConfig config, DemoKeys keys, DemoWebhooks webhooks) {
        this.lock = lock;
        this.keys = keys;
        this.webhooks = webhooks;
        this.broker = broker;
        this.processor = processor;
        this.api = api;
        this.demo = demo;
        this.config = config;
    }

    /** Starts without console progress (tests, embedding). */
    public static Standalone start(AppConfig base) {
        return start(base, new StartupProgress(System.nanoTime()));
    }

    /**
     * Checks every setting of every component in one pass, takes the data-directory lock, then starts
     * the broker, the services and the demo in order, reporting each as it becomes ready, and returns
     * once the processor's and the API's {@code /health/ready} answer 200.
     *
     * @throws dev.slamonitor.config.ConfigException listing every configuration problem, before anything starts
     * @throws DataDirLock.DataDirInUseException when another launcher owns the data directory
     */
    public static Standalone start(AppConfig base, StartupProgress progress) {
        List<Consumer<AppConfig>> readers = new ArrayList<>(List.of(Standalone::ownSettings));
        readers.addAll(StreamProcessorApp.settingsReaders());
        readers.addAll(AlertApiApp.settingsReaders());
        DemoKeys keys = DemoKeys.forConfig(base);
        // Checked as the services will see it: with the keys this launcher generates when none are configured.
        (keys.generated() ? base.with(Map.of("api.auth.keys", keys.setting())) : base).validate(readers);
        Path dataDir = Path.of(base.string("standalone.data.dir")).toAbsolutePath();
        int port = base.port("standalone.kafka.port");
        boolean demoEnabled = base.bool("demo.enabled");
        int ticketsPerMinute = base.integer("demo.tickets.per.minute", 1, 60_000);
        Duration readyTimeout = base.duration("standalone.ready.timeout");
        DataDirLock lock = DataDirLock.acquire(dataDir);
        EmbeddedKafkaBroker broker;
        try {
            broker = startBroker(base, dataDir.resolve("kafka"), port);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        progress.ready("Kafka broker", broker.bootstrapServers() + " (embedded KRaft, data in " + dataDir.resolve("kafka") + ")");
        Map<String, String> local = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "streams.state.dir", dataDir.resolve("streams").toString()));
        if (keys.generated()) {
            local.put("api.auth.keys", keys.setting());
        }
        // Local use: Prometheus (dashboards/) scrapes without a credential unless one is configured.
        if (base.sourceOf("api.metrics.public").equals("defaults")) {
            local.put("api.metrics.public", "true");
        }
        if (demoEnabled) {
            // seconds-scale targets for demo tickets only, so alerts show within a minute
            String configured = base.optional("sla.policy.publish.resources").orElse("");
            local.put("sla.policy.publish.resources", configured.isEmpty() ? DEMO_POLICY : configured + "," + DEMO_POLICY);
        }
        StreamProcessorApp processor = null;
        AlertApiApp api = null;
        DemoWebhooks webhooks = null;
        DemoTraffic demo = null;
        try {
            // The API's webhook sender delivers demo alerts to a loopback receiver, through the ordinary receivers file.
            webhooks = DemoWebhooks.startIfWanted(base, dataDir).orElse(null);
            if (webhooks != null) {
                local.putAll(webhooks.apiSettings());
                progress.ready("Webhook receiver", webhooks.url() + " (demo)");
            }
            AppConfig config = base.with(local);
            processor = StreamProcessorApp.start(config);
            progress.ready("Stream processor", "started (topology in " + processor.topologyFile() + ")");
            api = AlertApiApp.start(config);
            progress.ready("Alert API", "listening on port " + api.port());
            if (demoEnabled) {
                demo = new DemoTraffic(KafkaClientConfig.common(config), config.string("topic.events"));
                demo.start(ticketsPerMinute);
                progress.ready("Demo traffic", ticketsPerMinute + " tickets/min");
            }
            ReadinessProbe probe = new ReadinessProbe();
            probe.await("Stream processor", readyUrl(config.string("processor.http.host"), processor.httpPort()), readyTimeout);
            progress.ready("Processing", "ready (" + readyPath(processor.httpPort()) + ")");
            probe.await("Alert API", readyUrl(config.string("api.http.host"), api.port()), readyTimeout);
            progress.ready("Alert API", "ready (" + readyPath(api.port()) + ")");
            return new Standalone(lock, broker, processor, api, demo, config, keys, webhooks);
        } catch (RuntimeException e) {
            if (demo != null) {
                demo.close();
            }
            if (api != null) {
                api.close();
            }
            if (webhooks != null) {
                webhooks.close();
            }
            if (processor != null) {
                processor.close();
            }
            broker.close();
            lock.close();
            throw e;
        }
    }

    /** The launcher's own settings, for the one validation pass. */
    private static void ownSettings(AppConfig config) {
        config.string("standalone.data.dir");
        config.port("standalone.kafka.port");
        config.bool("demo.enabled");
        config.integer("demo.tickets.per.minute", 1, 60_000);
        config.bool("demo.webhook.receiver.enabled");
        config.port("demo.webhook.receiver.port");
        config.integer("demo.webhook.receiver.fail.every", 0, 1_000_000);
        Duration timeout = config.duration("standalone.ready.timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            config.problem(config.invalid("standalone.ready.timeout", "a positive duration such as 3m"));
        }
    }

    private static URI readyUrl(String host, int port) {
        // A wildcard bind is reachable on loopback; a specific address only on itself.
        String target = host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() ? "127.0.0.1" : host;
        return URI.create("http://" + (target.contains(":") ? "[" + target + "]" : target) + ":" + port + READY_PATH);
    }

    private static String readyPath(int port) {
        return "http://localhost:" + port + READY_PATH;
    }

    private static EmbeddedKafkaBroker startBroker(AppConfig config, Path dir, int port) {
        try {
            return EmbeddedKafkaBroker.start(dir, port, false);
        } catch (RuntimeException e) {
            if (causedByBind(e)) {
                throw config.invalid("standalone.kafka.port", "a free port (" + port
                        + " is in use; use 0 to pick a free one)");
            }
            throw e;
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public StreamProcessorApp processor() {
        return processor;
    }

    public AlertApiApp api() {
        return api;
    }

    /** Keys generated for this run (empty when api.auth.keys was configured). */
    DemoKeys keys() {
        return keys;
    }

    public AppConfig config() {
        return config;
    }

    public boolean demoRunning() {
        return demo != null;
    }

    /** The demo traffic, when running (its ticket ids for examples). */
    public Optional<DemoTraffic> demo() {
        return Optional.ofNullable(demo);
    }

    /** The loopback webhook receiver of the demo, when running. */
    public Optional<DemoWebhooks> webhooks() {
        return Optional.ofNullable(webhooks);
    }

    @Override
    public void close() {
        if (demo != null) {
            demo.close();
        }
        api.close();
        if (webhooks != null) {
            webhooks.close();
        }
        processor.close();
        broker.close();
        lock.close();
    }
}
