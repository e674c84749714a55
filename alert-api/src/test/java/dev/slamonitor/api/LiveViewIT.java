package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.state.TicketSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ticket queries, list states, paging, gauges and acknowledgements over a view built from real topics. */
@ExtendWith({KafkaExtension.class, VertxExtension.class})
class LiveViewIT {

    private static ApiFixture api;
    private static Alert breach;
    private WebClient client;

    @BeforeAll
    static void start(TestKafka kafka) throws Exception {
        api = new ApiFixture(kafka, Map.of("api.view.gauge.refresh", "100ms"));
        // given four tickets: on track, at risk, breached (and escalated), closed
        api.snapshot(ApiTestData.snapshot("T-ok", "medium", "L1", "payments",
                List.of(ApiTestData.running("resolution", Duration.ofHours(1), Duration.ofHours(2)))));
        api.snapshot(ApiTestData.snapshot("T-risk", "high", "L1", "payments",
                List.of(ApiTestData.running("resolution", Duration.ofMinutes(-5), Duration.ofMinutes(30)))));
        api.snapshot(ApiTestData.snapshot("T-breach", "critical", "L2", "billing",
                List.of(ApiTestData.running("resolution", Duration.ofMinutes(-30), Duration.ofMinutes(-10)))));
        TicketSnapshot closed = ApiTestData.snapshot("T-closed", "critical", "L2", "billing",
                List.of(ApiTestData.running("resolution", Duration.ofMinutes(-30), Duration.ofMinutes(-10))));
        api.snapshot(new TicketSnapshot(closed.ticketId(), "closed", closed.severity(), closed.tier(), null, closed.customer(),
                closed.team(), closed.channel(), closed.openedAt(), closed.lastEventAt(), null, null, 0, 0, 0, 1,
                closed.openedAt(), null, null, 1, null, null, closed.clocks(), List.of(), List.of(), closed.updatedAt()));
        breach = ApiTestData.alert(AlertType.BREACH, "T-breach", "critical", "L2", "billing");
        api.alert(breach);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void client(Vertx vertx) throws Exception {
        client = ApiFixture.client(vertx);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && get("/api/v1/tickets/T-breach").bodyAsJsonObject().getJsonArray("alerts", new JsonArray()).isEmpty()) {
            Thread.sleep(50);
        }
    }

    private HttpResponse<Buffer> get(String path) {
        return api.get(client, path, ApiFixture.VIEWER).send().await();
    }

    @Test
    void shouldServeOneTicketWithClocksRemainingTimeStatesAndAlerts() {
        // when
        HttpResponse<Buffer> response = get("/api/v1/tickets/T-breach");
        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getString("ticketId")).isEqualTo("T-breach");
        assertThat(body.getJsonArray("states").getList()).containsExactlyInAnyOrder("breached", "escalated");
        JsonObject clock = body.getJsonArray("clocks").getJsonObject(0);
        assertThat(clock.getLong("remainingMillis")).isNegative();
        assertThat(clock.getString("deadline")).isNotBlank();
        assertThat(body.getJsonArray("alerts").getJsonObject(0).getString("alertId")).isEqualTo(breach.alertId());
        assertThat(body.getJsonArray("alerts").getJsonObject(0).getBoolean("acknowledged")).isFalse();
        assertThat(body.getJsonArray("acks")).isEmpty();
    }

    @Test
    void shouldAnswer404ForAnUnknownTicket() {
        HttpResponse<Buffer> response = get("/api/v1/tickets/T-nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void shouldListTicketsByStateAndFilters() {
        assertThat(ids(get("/api/v1/tickets?state=breached"))).containsExactly("T-breach");
        assertThat(ids(get("/api/v1/tickets?state=at_risk"))).containsExactly("T-risk");
        assertThat(ids(get("/api/v1/tickets?state=at_risk,breached&team=payments"))).containsExactly("T-risk");
        assertThat(ids(get("/api/v1/tickets?state=escalated&severity=critical&tier=L2"))).containsExactly("T-breach");
        assertThat(ids(get("/api/v1/tickets?customer=C-T-ok"))).containsExactly("T-ok");
    }

    @Test
    void shouldPageWithACursor() {
        // when the open tickets are read one per page
        HttpResponse<Buffer> first = get("/api/v1/tickets?limit=1");
        String cursor = first.bodyAsJsonObject().getString("nextCursor");
        HttpResponse<Buffer> second = get("/api/v1/tickets?limit=1&cursor=" + cursor);
        HttpResponse<Buffer> third = get("/api/v1/tickets?limit=1&cursor=" + second.bodyAsJsonObject().getString("nextCursor"));
        // then each page continues after the previous one, closed tickets never appear
        assertThat(ids(first)).containsExactly("T-breach");
        assertThat(ids(second)).containsExactly("T-ok");
        assertThat(ids(third)).containsExactly("T-risk");
    }

    @Test
    void shouldRefuseBadQueryParametersNamingEach() {
        HttpResponse<Buffer> response = get("/api/v1/tickets?state=late&limit=0&severity=urgent&cursor=***");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonArray("violations").stream().map(v -> ((JsonObject) v).getString("field")))
                .containsExactlyInAnyOrder("state", "limit", "severity", "cursor");
    }

    @Test
    void shouldExposeAtRiskAndBreachedGaugesBySeverityAndTier() throws Exception {
        Thread.sleep(300);
        String metrics = api.get(client, "/metrics", ApiFixture.METRICS).send().await().bodyAsString();
        assertThat(metrics).containsPattern("slamon_api_tickets_breached\\{[^}]*severity=\"critical\",tier=\"L2\"[^}]*} 1\\.0");
        assertThat(metrics).containsPattern("slamon_api_tickets_at_risk\\{[^}]*severity=\"high\",tier=\"L1\"[^}]*} 1\\.0");
    }

    @Test
    void shouldPublishAnAckKeyedByTicketId() throws Exception {
        // when
        HttpResponse<Buffer> response = api.post(client, "/api/v1/alerts/" + breach.alertId() + "/ack", ApiFixture.RESPONDER)
                .sendJsonObject(new JsonObject().put("by", "alice").put("note", "on it")).await();
        // then
        assertThat(response.statusCode()).isEqualTo(202);
        try (TopicReader<String, byte[]> reader = api.reader("topic.acks")) {
            List<ConsumerRecord<String, byte[]>> acks = reader.readMatching(r -> true, 1, Duration.ofSeconds(10));
            assertThat(acks).hasSize(1);
            AlertAck ack = Json.mapper().readValue(acks.get(0).value(), AlertAck.class);
            assertThat(acks.get(0).key()).isEqualTo("T-breach");
            assertThat(ack.alertId()).isEqualTo(breach.alertId());
            assertThat(ack.ticketId()).isEqualTo("T-breach");
            // the principal of the API key, not the free text
            assertThat(ack.by()).isEqualTo("oncall");
            assertThat(ack.note()).isEqualTo("for alice: on it");
            assertThat(ack.at()).isNotNull();
        }
    }

    @Test
    void shouldAcceptAnAckWithoutFreeTextAndRecordThePrincipal() throws Exception {
        HttpResponse<Buffer> response = api.post(client, "/api/v1/alerts/" + breach.alertId() + "/ack", ApiFixture.RESPONDER)
                .sendJsonObject(new JsonObject().put("note", "on it")).await();
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("by")).isEqualTo("oncall");
        assertThat(response.bodyAsJsonObject().getString("note")).isEqualTo("on it");
    }

    @Test
    void shouldRefuseBadAcks() {
        String path = "/api/v1/alerts/" + breach.alertId() + "/ack";
        HttpResponse<Buffer> badFields = api.post(client, path, ApiFixture.RESPONDER)
                .sendJsonObject(new JsonObject().put("by", 42).put("note", "x").put("colour", "red")).await();
        assertThat(badFields.statusCode()).isEqualTo(400);
        assertThat(badFields.bodyAsJsonObject().getJsonArray("violations").stream().map(v -> ((JsonObject) v).getString("field")))
                .containsExactlyInAnyOrder("by", "colour");
        HttpResponse<Buffer> unknown = api.post(client, "/api/v1/alerts/nope/ack", ApiFixture.RESPONDER)
                .sendJsonObject(new JsonObject().put("by", "alice")).await();
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private static List<String> ids(HttpResponse<Buffer> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.bodyAsJsonObject().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("ticketId")).toList();
    }
}
