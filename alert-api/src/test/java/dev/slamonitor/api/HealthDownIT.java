package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.kafka.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Readiness on a broker of its own that goes away: the API turns DOWN, naming the cluster and its feeds. */
@ExtendWith(VertxExtension.class)
class HealthDownIT {

    private static boolean allDown(JsonObject checks) {
        return checks.stream().allMatch(e -> ((JsonObject) e.getValue()).getString("status").equals("DOWN"));
    }

    @Test
    void shouldTurnReadinessDownWhenTheBrokerIsGone(Vertx vertx) throws Exception {
        // given a ready API on a broker of its own, with quick health checks
        TestKafka kafka = TestKafka.start();
        ApiFixture api = new ApiFixture(kafka, Map.of("api.health.check.interval", "500ms", "api.health.kafka.timeout", "1s"));
        WebClient client = WebClient.create(vertx);
        try {
            assertThat(api.get(client, "/health/ready", null).send().await().statusCode()).isEqualTo(200);
            // when the broker stops
            kafka.close();
            // then readiness is DOWN within a few check intervals, naming why, while liveness stays UP
            long deadline = System.nanoTime() + 30_000_000_000L;
            HttpResponse<Buffer> ready;
            do {
                Thread.sleep(250);
                ready = api.get(client, "/health/ready", null).send().await();
            } while (ready.statusCode() == 200 && System.nanoTime() < deadline);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
            assertThat(ready.bodyAsJsonObject().getJsonArray("reasons")).isNotEmpty();
            assertThat(api.get(client, "/health", null).send().await().statusCode()).isEqualTo(503);
            assertThat(api.get(client, "/health/live", null).send().await().statusCode()).isEqualTo(200);
            // and soon every check says so: the cluster and each feed, with its reason
            deadline = System.nanoTime() + 30_000_000_000L;
            JsonObject checks;
            do {
                Thread.sleep(250);
                checks = api.get(client, "/health/ready", null).send().await().bodyAsJsonObject().getJsonObject("checks");
            } while (!allDown(checks) && System.nanoTime() < deadline);
            assertThat(checks.getJsonObject("kafka").getString("status")).isEqualTo("DOWN");
            assertThat(checks.getJsonObject("kafka").getString("reason")).contains("did not answer");
            for (String feed : List.of("ticket-view", "alert-stream", "refund", "knowledge")) {
                assertThat(checks.getJsonObject(feed).getString("state")).as(feed).isEqualTo("DISCONNECTED");
            }
        } finally {
            api.close();
        }
    }
}
