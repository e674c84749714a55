package dev.slamonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.state.TicketSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README command 1, in-process: the whole system with demo traffic produces live state and SLA alerts within a minute. */
class StandaloneDemoIT {

    @Test
    void shouldShowLiveStateAndAlertsFromDemoTrafficWithinAMinute(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.load(Map.of()).with(StandaloneMain.overrides(new String[] {"--demo",
                "standalone.kafka.port=0", "standalone.data.dir=" + dir, "processor.http.port=0", "api.http.port=0",
                "demo.tickets.per.minute=120"}));
        try (Standalone system = Standalone.start(config)) {
            try (TopicReader<String, TicketSnapshot> state = new TopicReader<>(system.bootstrapServers(), "ticket-sla-state",
                    new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer())) {
                var snapshots = state.readUntil(s -> s.size() >= 10, Duration.ofSeconds(60));
                assertThat(snapshots).hasSizeGreaterThanOrEqualTo(10);
                assertThat(snapshots).allSatisfy(r -> assertThat(r.key()).startsWith("DEMO-"));
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
    }
}
