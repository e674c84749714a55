package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running API on a real broker: exact health paths whose readiness lists every feed it serves and
 * the cluster, authentication before the body, problems that name no key, and problem+json for every
 * error of every route family.
 */
@ExtendWith({KafkaExtension.class, VertxExtension.class})
class HardenedApiIT {

    private static ApiFixture api;
    private WebClient client;

    @BeforeAll
    static void start(TestKafka kafka) throws Exception {
        api = new ApiFixture(kafka, Map.of("api.body.limit.bytes", "2048"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void client(Vertx vertx) {
        client = ApiFixture.client(vertx);
    }

    private HttpResponse<Buffer> get(String path, String key) {
        return api.get(client, path, key).send().await();
    }

    @Test
    void shouldBeReadyOnlyWithEveryFeedAndTheClusterListed() {
        // when readiness is asked on the exact paths
        HttpResponse<Buffer> ready = get("/health/ready", null);
        HttpResponse<Buffer> health = get("/health", null);
        HttpResponse<Buffer> live = get("/health/live", null);
        // then every feed the API serves and the cluster are listed, each UP
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject checks = ready.bodyAsJsonObject().getJsonObject("checks");
        assertThat(checks.fieldNames()).containsExactlyInAnyOrder("kafka", "ticket-view", "alert-stream", "refund", "knowledge");
        checks.forEach(e -> assertThat(((JsonObject) e.getValue()).getString("status")).as(e.getKey()).isEqualTo("UP"));
        assertThat(checks.getJsonObject("ticket-view").getJsonArray("topics").getString(0)).isEqualTo(api.topic("topic.state"));
        assertThat(checks.getJsonObject("kafka").getInteger("brokers")).isEqualTo(1);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.bodyAsJsonObject().getJsonObject("checks").fieldNames()).hasSize(5);
        assertThat(live.statusCode()).isEqualTo(200);
        // and no other sub-path answers
        HttpResponse<Buffer> other = get("/health/whatever", null);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void shouldAnswer401NotA413ForALargeBodyWithAWrongKey() {
        String big = "[" + "{}, ".repeat(2000) + "{}]";
        HttpResponse<Buffer> wrong = api.post(client, "/api/v1/events/batch", "not-a-key").sendBuffer(Buffer.buffer(big)).await();
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> right = api.post(client, "/api/v1/events/batch", ApiFixture.PUBLISHER).sendBuffer(Buffer.buffer(big)).await();
        assertThat(right.statusCode()).isEqualTo(413);
        assertThat(right.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void shouldNameNoKeyInAForbiddenAnswer() {
        HttpResponse<Buffer> res = api.post(client, "/api/v1/events", ApiFixture.VIEWER).sendBuffer(Buffer.buffer("{}")).await();
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.bodyAsString()).doesNotContain("ops").contains("publisher");
    }

    @Test
    void shouldAnswerProblemJsonOnEveryRouteFamily() {
        for (String path : List.of("/api/v1/tickets/%zz", "/api/v1/tickets?state=%zz", "/api/v1/root-causes/top?window=%",
                "/api/v1/root-causes/top?limit=0", "/api/v1/remediation-items?status=maybe", "/api/v1/refunds/leakage?month=11-2026",
                "/api/v1/refunds/approvals", "/api/v1/nothing-here")) {
            HttpResponse<Buffer> res = get(path, ApiFixture.VIEWER);
            assertThat(res.statusCode()).as(path).isIn(400, 404);
            assertThat(res.getHeader("Content-Type")).as(path).isEqualTo("application/problem+json");
            JsonObject body = res.bodyAsJsonObject();
            assertThat(body.getString("type")).as(path).startsWith("https://");
            assertThat(body.getInteger("status")).as(path).isEqualTo(res.statusCode());
            assertThat(body.getString("title")).as(path).isNotBlank();
            if (res.statusCode() == 400) {
                assertThat(body.getJsonArray("violations")).as(path).isNotEmpty();
            }
        }
        HttpResponse<Buffer> method = api.auth(client.delete(api.port(), "127.0.0.1", "/api/v1/tickets"), ApiFixture.VIEWER).send().await();
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
}
