package dev.slamonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.standalone.webhook.DemoWebhookTally;
import dev.slamonitor.standalone.webhook.DemoWebhookTally.Channel;
import dev.slamonitor.standalone.webhook.DemoWebhookTally.Received;
import dev.slamonitor.standalone.webhook.DemoWebhooks;
import dev.slamonitor.state.TicketSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1, in-process: the whole system with demo traffic produces live state and SLA
 * alerts within a minute, and the API delivers the alerts to the demo's loopback webhook receiver.
 * One system serves every test of the class.
 */
class StandaloneDemoIT {

    /** Refuse every third webhook request so that the failed-then-retried path runs within the test. */
    private static final int FAIL_EVERY = 3;

    @TempDir
    static Path dir;
    private static Standalone system;

    @BeforeAll
    static void startDemo() {
        AppConfig config = AppConfig.load(Map.of()).with(StandaloneMain.overrides(new String[] {"--demo",
                "standalone.kafka.port=0", "standalone.data.dir=" + dir, "processor.http.port=0", "api.http.port=0",
                "demo.tickets.per.minute=120", "demo.webhook.receiver.fail.every=" + FAIL_EVERY}));
        system = Standalone.start(config);
    }

    @AfterAll
    static void stopDemo() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldShowLiveStateAndAlertsFromDemoTrafficWithinAMinute() throws Exception {
        try (TopicReader<String, TicketSnapshot> state = new TopicReader<>(system.bootstrapServers(), "ticket-sla-state",
                new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer())) {
            var snapshots = state.readUntil(s -> s.size() >= 10, Duration.ofSeconds(60));
            assertThat(snapshots).hasSizeGreaterThanOrEqualTo(10);
            assertThat(snapshots).allSatisfy(r -> assertThat(r.key()).startsWith("DEMO-"));
            assertThat(snapshots).extracting(r -> r.key()).contains(system.demo().orElseThrow().ticketId(1));
        }
        try (TopicReader<String, Alert> alerts = new TopicReader<>(system.bootstrapServers(), "sla-alerts",
                new StringDeserializer(), JsonSerde.of(Alert.class).deserializer())) {
            var breaches = alerts.readMatching(r -> r.value().type() == AlertType.BREACH, 1, Duration.ofSeconds(60));
            assertThat(breaches).isNotEmpty();
            assertThat(breaches.get(0).value().policyId()).isEqualTo("demo-fast");
            assertThat(breaches.get(0).value().ticketId()).startsWith("DEMO-");
        }
        try (TopicReader<String, byte[]> dlq = new TopicReader<>(system.bootstrapServers(), "dead-letters",
                new StringDeserializer(), new ByteArrayDeserializer())) {
            var letters = dlq.readUntil(l -> !l.isEmpty(), Duration.ofSeconds(60));
            assertThat(letters).isNotEmpty();
            assertThat(DeadLetter.fromHeaders(letters.get(0).headers())).isPresent();
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + system.processor().httpPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDeliverDemoAlertsThroughTheWebhookPathToTheLoopbackReceiverOncePerAlertId() throws Exception {
        // given the demo running with its loopback receiver refusing every third request
        DemoWebhooks webhooks = system.webhooks().orElseThrow();

        // when alerts fire, then the receiver gets them over the API's webhook sender, retries included
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        DemoWebhookTally.Snapshot received = webhooks.received();
        while ((received.accepted().getOrDefault(Channel.JSON, 0L) < 3 || received.refusedOnPurpose() < 1)
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
            received = webhooks.received();
        }
        assertThat(received.accepted().getOrDefault(Channel.JSON, 0L)).as("distinct alerts received as JSON").isGreaterThanOrEqualTo(3);
        assertThat(received.refusedOnPurpose()).as("requests answered 503 on purpose").isGreaterThanOrEqualTo(1);
        // each alert id reached the receiver once, even though some deliveries were refused and retried
        assertThat(received.duplicates()).as("alert ids delivered twice").isZero();

        // and every alert the receiver got as JSON is an alert of the alerts topic
        Set<String> jsonIds = received.recent().stream().filter(r -> r.channel() == Channel.JSON).map(Received::alertId)
                .collect(Collectors.toSet());
        try (TopicReader<String, Alert> alerts = new TopicReader<>(system.bootstrapServers(), "sla-alerts",
                new StringDeserializer(), JsonSerde.of(Alert.class).deserializer())) {
            var published = alerts.readUntil(l -> l.stream().map(r -> r.value().alertId()).collect(Collectors.toSet())
                    .containsAll(jsonIds), Duration.ofSeconds(30));
            assertThat(published).extracting(r -> r.value().alertId()).containsAll(jsonIds);
        }
        // and the API's delivery metrics show both outcomes for that receiver
        String scrape = system.api().registry().scrape();
        assertThat(scrape).containsPattern("slamon_webhook_deliveries_total\\{[^}]*outcome=\"delivered\",receiver=\"demo-json\"[^}]*} [1-9]");
        assertThat(scrape).containsPattern("slamon_webhook_deliveries_total\\{[^}]*outcome=\"failed\",receiver=\"demo-[a-z]+\"[^}]*} [1-9]");
        assertThat(scrape).contains("slamon_webhook_delivery_latency_seconds_count{application=\"alert-api\",receiver=\"demo-json\"}");
    }
}
