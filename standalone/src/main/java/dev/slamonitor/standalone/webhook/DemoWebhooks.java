package dev.slamonitor.standalone.webhook;

import dev.slamonitor.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's webhook receiver as the launcher runs it: started only with the demo (and
 * {@code demo.webhook.receiver.enabled}) when no receivers file is configured, on its own small
 * Vert.x instance on 127.0.0.1. It writes a receivers file for the alert API into the data directory
 * ({@code demo-slack}: Slack format, critical and high breaches, escalations and re-notifications;
 * {@code demo-json}: every alert as JSON; {@code demo-pagerduty}: PagerDuty Events API v2 for warnings,
 * breaches and escalations, so trigger / acknowledge / resolve of one dedup_key show) and hands back {@code api.webhooks.file} pointing at it, so
 * the API delivers through its ordinary webhook path. Close it after the API.
 */
public final class DemoWebhooks implements AutoCloseable {

    /** Receiver names in the generated file (the {@code receiver} label of the webhook metrics). */
    public static final String SLACK_RECEIVER = "demo-slack";
    public static final String JSON_RECEIVER = "demo-json";
    public static final String PAGERDUTY_RECEIVER = "demo-pagerduty";
    private static final int CAPACITY = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(DemoWebhooks.class);

    private final Vertx vertx;
    private final DemoWebhookReceiver receiver;
    private final DemoWebhookTally tally;
    private final Path receiversFile;
    private final int failEvery;

    private DemoWebhooks(Vertx vertx, DemoWebhookReceiver receiver, DemoWebhookTally tally, Path receiversFile, int failEvery) {
        this.vertx = vertx;
        this.receiver = receiver;
        this.tally = tally;
        this.receiversFile = receiversFile;
        this.failEvery = failEvery;
    }

    /** Starts the receiver when the demo wants one; empty when the demo is off, it is disabled, or receivers are configured. */
    public static Optional<DemoWebhooks> startIfWanted(AppConfig config, Path dataDir) {
        if (!config.bool("demo.enabled") || !config.bool("demo.webhook.receiver.enabled")
                || config.optional("api.webhooks.file").isPresent()) {
            return Optional.empty();
        }
        int port = config.port("demo.webhook.receiver.port");
        int failEvery = config.integer("demo.webhook.receiver.fail.every", 0, 1_000_000);
        DemoWebhookTally tally = new DemoWebhookTally(failEvery, CAPACITY);
        DemoWebhookReceiver receiver = new DemoWebhookReceiver(port, tally, Clock.systemUTC());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        try {
            vertx.deployVerticle(receiver).await(30, TimeUnit.SECONDS);
            Path file = writeReceiversFile(dataDir, "http://127.0.0.1:" + receiver.actualPort());
            return Optional.of(new DemoWebhooks(vertx, receiver, tally, file, failEvery));
        } catch (Exception e) {
            vertx.close();
            if (String.valueOf(e.getMessage()).contains("Address already in use")) {
                throw config.invalid("demo.webhook.receiver.port", "a free port (" + port + " is in use; use 0 to pick a free one)");
            }
            throw new IllegalStateException("Demo webhook receiver failed to start: " + e.getMessage(), e);
        }
    }

    private static Path writeReceiversFile(Path dataDir, String base) {
        String json = """
                {"receivers": [
                  {"name": "%s", "url": "%s/slack", "format": "slack",
                   "severities": ["critical", "high"], "types": ["BREACH", "ESCALATION", "RENOTIFY"]},
                  {"name": "%s", "url": "%s/json", "format": "json"},
                  {"name": "%s", "url": "%s/pagerduty", "format": "pagerduty", "routingKey": "demo0000000000000000000000000000",
                   "types": ["WARNING", "BREACH", "ESCALATION"]}
                ]}
                """.formatted(SLACK_RECEIVER, base, JSON_RECEIVER, base, PAGERDUTY_RECEIVER, base);
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("demo-webhook-receivers.json");
            Files.writeString(file, json, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo webhook receivers file under " + dataDir, e);
        }
    }

    /** The settings that route the API's webhooks to this receiver. */
    public Map<String, String> apiSettings() {
        return Map.of("api.webhooks.file", receiversFile.toString());
    }

    public String url() {
        return "http://127.0.0.1:" + receiver.actualPort();
    }

    public int failEvery() {
        return failEvery;
    }

    public DemoWebhookTally.Snapshot received() {
        return tally.snapshot();
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Demo webhook receiver did not close cleanly: {}", e.getMessage());
        }
    }
}
