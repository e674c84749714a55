package dev.slamonitor.standalone;

import dev.slamonitor.api.AlertApiApp;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.kafka.embedded.EmbeddedKafkaBroker;
import dev.slamonitor.processor.StreamProcessorApp;
import dev.slamonitor.processor.sla.policy.PolicyPublisher;
import dev.slamonitor.processor.sla.policy.PolicyResources;
import dev.slamonitor.standalone.demo.DemoTraffic;
import dev.slamonitor.standalone.webhook.DemoWebhooks;
import dev.slamonitor.topic.KafkaClientConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole system in one process for local use: a real KRaft broker, the stream processor and the
 * alert API wired to it, and optionally the demo traffic (with the demo-fast SLA policy) and a loopback webhook
 * receiver the API delivers the demo's alerts to. Closing stops them in reverse order.
 */
public final class Standalone implements AutoCloseable {

    /** The demo's SLA policy (selects ticket ids DEMO-*), published to the policies topic with --demo. */
    public static final String DEMO_POLICY = "/policies/demo-fast-policy.json";

    private final EmbeddedKafkaBroker broker;
    private final StreamProcessorApp processor;
    private final AlertApiApp api;
    private final DemoTraffic demo;
    private final AppConfig config;
    private final DemoKeys keys;
    private final DemoWebhooks webhooks;

    private Standalone(EmbeddedKafkaBroker broker, StreamProcessorApp processor, AlertApiApp api, DemoTraffic demo,
                       AppConfig config, DemoKeys keys, DemoWebhooks webhooks) {
        this.keys = keys;
        this.webhooks = webhooks;
        this.broker = broker;
        this.processor = processor;
        this.api = api;
        this.demo = demo;
        this.config = config;
    }

    public static Standalone start(AppConfig base) {
        Path dataDir = Path.of(base.string("standalone.data.dir")).toAbsolutePath();
        int port = base.port("standalone.kafka.port");
        boolean demoEnabled = base.bool("demo.enabled");
        int ticketsPerMinute = base.integer("demo.tickets.per.minute", 1, 60_000);
        EmbeddedKafkaBroker broker = startBroker(base, dataDir.resolve("kafka"), port);
        DemoKeys keys = DemoKeys.forConfig(base);
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
        StreamProcessorApp processor = null;
        AlertApiApp api = null;
        DemoWebhooks webhooks = null;
        try {
            // The API's webhook sender delivers demo alerts to a loopback receiver, through the ordinary receivers file.
            webhooks = DemoWebhooks.startIfWanted(base, dataDir).orElse(null);
            if (webhooks != null) {
                local.putAll(webhooks.apiSettings());
            }
            AppConfig config = base.with(local);
            processor = StreamProcessorApp.start(config);
            api = AlertApiApp.start(config);
            DemoTraffic demo = null;
            if (demoEnabled) {
                // seconds-scale targets for demo tickets only, so alerts show within a minute
                PolicyPublisher.publishIfNewer(KafkaClientConfig.common(config), config.string("topic.policies"),
                        PolicyResources.bytes(Standalone.class, DEMO_POLICY));
                demo = new DemoTraffic(KafkaClientConfig.common(config), config.string("topic.events"));
                demo.start(ticketsPerMinute);
            }
            return new Standalone(broker, processor, api, demo, config, keys, webhooks);
        } catch (RuntimeException e) {
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
            throw e;
        }
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
    }
}
