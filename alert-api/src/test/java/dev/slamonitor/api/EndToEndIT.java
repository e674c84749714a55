package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.processor.StreamProcessorApp;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.topic.KafkaClientConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path on a real broker: HTTP ingest -> stream processor (SLA engine, policy e2e-fast with a
 * 2 s first response and 3 s re-notification) -> alerts topic -> the API's SSE stream; and an ack over
 * HTTP -> acks topic -> the processor stops the re-notify chain.
 */
@ExtendWith({KafkaExtension.class, VertxExtension.class})
class EndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private StreamProcessorApp processor;
    private ApiFixture api;
    private WebClient client;

    @BeforeEach
    void start(TestKafka kafka, Vertx vertx) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        api = new ApiFixture(kafka, Map.of(), run);
        processor = StreamProcessorApp.start(api.config.with(Map.of(
                "streams.application.id", "e2e-" + run,
                "streams.state.dir", Files.createTempDirectory("e2e-streams-").toString(),
                "processor.http.port", "0")));
        try (InputStream policy = EndToEndIT.class.getResourceAsStream("/policies/e2e-fast-policy.json")) {
            SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(api.config), api.topic("topic.policies"), policy.readAllBytes());
        }
        client = ApiFixture.client(vertx);
    }

    @AfterEach
    void stop() {
        processor.close();
        api.close();
    }

    private void open(String ticketId) {
        JsonObject event = IngestIT.opened(UUID.randomUUID().toString(), ticketId)
                .put("severity", "critical").put("occurredAt", Instant.now().toString());
        HttpResponse<Buffer> response = api.post(client, "/api/v1/events", ApiFixture.PUBLISHER)
                .sendBuffer(event.toBuffer()).await();
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void shouldStreamTheBreachOfATicketIngestedOverHttp(Vertx vertx) throws Exception {
        try (SseTestClient sse = new SseTestClient(vertx, api.port(), "?type=BREACH&severity=critical", ApiFixture.VIEWER, null)) {
            // when a critical ticket is opened over HTTP and nobody answers within its 2 s first response
            open("E2E-sse");
            // then its breach reaches the stream client
            SseTestClient.Event event = sse.next(WAIT);
            assertThat(event).as("a BREACH within " + WAIT).isNotNull();
            assertThat(event.data().getString("ticketId")).isEqualTo("E2E-sse");
            assertThat(event.data().getString("clock")).isEqualTo("first_response");
        }
    }

    @Test
    void shouldStopReNotificationOnceTheAlertIsAcknowledged(Vertx vertx) throws Exception {
        try (SseTestClient sse = new SseTestClient(vertx, api.port(), "?type=BREACH,RENOTIFY", ApiFixture.VIEWER, null)) {
            // given two breached tickets
            open("E2E-acked");
            open("E2E-ignored");
            String ackedBreach = null;
            List<JsonObject> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && (ackedBreach == null || seen.stream().noneMatch(a -> isRenotify(a, "E2E-ignored")))) {
                SseTestClient.Event event = sse.next(Duration.ofMillis(200));
                if (event == null) {
                    continue;
                }
                seen.add(event.data());
                if (ackedBreach == null && event.data().getString("ticketId").equals("E2E-acked")
                        && event.data().getString("type").equals("BREACH")) {
                    // when the first one is acknowledged as soon as it arrives
                    ackedBreach = event.data().getString("alertId");
                    HttpResponse<Buffer> ack = api.post(client, "/api/v1/alerts/" + ackedBreach + "/ack", ApiFixture.RESPONDER)
                            .sendJsonObject(new JsonObject().put("by", "maria").put("note", "on it")).await();
                    assertThat(ack.statusCode()).isEqualTo(202);
                }
            }
            // then the other ticket is re-notified while the acknowledged one is not, even a while later
            assertThat(ackedBreach).isNotNull();
            assertThat(seen).anyMatch(a -> isRenotify(a, "E2E-ignored"));
            Thread.sleep(4000);
            SseTestClient.Event late;
            while ((late = sse.next(Duration.ofMillis(100))) != null) {
                seen.add(late.data());
            }
            assertThat(seen).noneMatch(a -> isRenotify(a, "E2E-acked"));
            // and the ack shows in the ticket's state
            JsonObject ticket = api.get(client, "/api/v1/tickets/E2E-acked", ApiFixture.VIEWER).send().await().bodyAsJsonObject();
            assertThat(ticket.getJsonArray("acks").getJsonObject(0).getString("by")).isEqualTo("oncall");
        }
    }

    private static boolean isRenotify(JsonObject alert, String ticketId) {
        return alert.getString("type").equals("RENOTIFY") && alert.getString("ticketId").equals(ticketId);
    }
}
