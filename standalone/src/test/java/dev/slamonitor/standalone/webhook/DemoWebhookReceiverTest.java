package dev.slamonitor.standalone.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DemoWebhookReceiverTest {

    private DemoWebhookTally tally;
    private WebClient client;
    private int port;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        tally = new DemoWebhookTally(3, 100);
        DemoWebhookReceiver receiver = new DemoWebhookReceiver(0, tally, Clock.systemUTC());
        vertx.deployVerticle(receiver).await(10, TimeUnit.SECONDS);
        port = receiver.actualPort();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void shouldAcceptBothPayloadShapesAndRefuseEveryThirdRequestOnPurpose() throws Exception {
        // given a Slack message and a JSON alert, when three requests come in
        HttpResponse<Buffer> slack = post("/slack", "a-1", "{\"text\":\":rotating_light: *BREACH* · critical\\n*Ticket T-1*\"}");
        HttpResponse<Buffer> json = post("/json", "a-2", "{\"alertId\":\"a-2\",\"type\":\"ESCALATION\",\"ticketId\":\"T-2\"}");
        HttpResponse<Buffer> third = post("/json", "a-3", "{\"alertId\":\"a-3\",\"type\":\"BREACH\",\"ticketId\":\"T-3\"}");

        // then the first two are accepted with their type and the third refused with a 503 to retry
        assertThat(slack.statusCode()).isEqualTo(200);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.getHeader("Retry-After")).isEqualTo("1");
        var snapshot = tally.snapshot();
        assertThat(snapshot.distinctAlerts()).isEqualTo(2);
        assertThat(snapshot.byType()).containsEntry("BREACH", 1L).containsEntry("ESCALATION", 1L);
        assertThat(snapshot.refusedOnPurpose()).isEqualTo(1);
        assertThat(snapshot.recent()).extracting(DemoWebhookTally.Received::ticketId).containsExactly("T-2", "T-1");
    }

    @Test
    void shouldCountTriggersAcksAndResolvesOfOneDedupKey(Vertx vertx) throws Exception {
        // given a receiver that refuses nothing
        tally = new DemoWebhookTally(0, 100);
        DemoWebhookReceiver receiver = new DemoWebhookReceiver(0, tally, Clock.systemUTC());
        vertx.deployVerticle(receiver).await(10, TimeUnit.SECONDS);
        port = receiver.actualPort();
        String event = "{\"routing_key\":\"k\",\"event_action\":\"%s\",\"dedup_key\":\"key-1\"}";

        // when one breach is triggered, acknowledged and resolved as PagerDuty events, and resolved as JSON
        post("/pagerduty", "a-1", event.formatted("trigger"));
        post("/pagerduty", "a-2", event.formatted("acknowledge"));
        post("/pagerduty", "a-3", event.formatted("resolve"));
        post("/json", "a-3", "{\"alertId\":\"a-3\",\"alertKey\":\"key-1\",\"type\":\"BREACH\",\"state\":\"RESOLVED\"}");

        // then the lifecycle counts say so
        var snapshot = tally.snapshot();
        assertThat(snapshot.lifecycle()).containsEntry("PAGERDUTY TRIGGERED", 1L).containsEntry("PAGERDUTY ACKNOWLEDGED", 1L)
                .containsEntry("PAGERDUTY RESOLVED", 1L).containsEntry("JSON RESOLVED", 1L);
        assertThat(snapshot.inState("RESOLVED")).isEqualTo(2);
        assertThat(snapshot.recent()).extracting(DemoWebhookTally.Received::alertKey).containsOnly("key-1");
    }

    @Test
    void shouldAnswer200ToARedeliveryButCountItAsADuplicate() throws Exception {
        // given an alert delivered once
        post("/json", "a-1", "{\"alertId\":\"a-1\",\"type\":\"BREACH\"}");

        // when it is delivered again
        HttpResponse<Buffer> again = post("/json", "a-1", "{\"alertId\":\"a-1\",\"type\":\"BREACH\"}");

        // then the sender hears success, and the receiver counts one alert and one duplicate
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(tally.snapshot().distinctAlerts()).isEqualTo(1);
        assertThat(tally.snapshot().duplicates()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAPayloadOfTheWrongShapeWithAProblem() throws Exception {
        // when a Slack message comes without an alert id header, and a JSON alert without alertId
        HttpResponse<Buffer> slack = post("/slack", null, "{\"text\":\"hello\"}");
        HttpResponse<Buffer> json = post("/json", "a-1", "{\"type\":\"BREACH\"}");

        // then both are bad requests and nothing is counted as received
        assertThat(slack.statusCode()).isEqualTo(400);
        assertThat(slack.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(tally.snapshot().distinctAlerts()).isZero();
    }

    @Test
    void shouldShowWhatItReceivedAsJson() throws Exception {
        // given
        post("/json", "a-1", "{\"alertId\":\"a-1\",\"type\":\"BREACH\",\"ticketId\":\"T-1\"}");

        // when
        HttpResponse<Buffer> status = client.get(port, "127.0.0.1", "/").send().await(10, TimeUnit.SECONDS);

        // then
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.bodyAsJsonObject().getJsonArray("recent").getJsonObject(0).getString("alertId")).isEqualTo("a-1");
        assertThat(status.bodyAsJsonObject().getLong("requests")).isEqualTo(1);
    }

    private HttpResponse<Buffer> post(String path, String alertId, String body) throws Exception {
        var request = client.post(port, "127.0.0.1", path).putHeader("Content-Type", "application/json");
        if (alertId != null) {
            request.putHeader("X-Slamon-Alert-Id", alertId);
        }
        return request.sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    }
}
