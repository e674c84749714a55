package dev.slamonitor.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.api.health.Check;
import dev.slamonitor.api.health.Health;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health endpoints over feed progress: DOWN with reasons while a feed has not caught up or stopped. */
@ExtendWith(VertxExtension.class)
class FeedReadinessTest {

    @Test
    void shouldBeNotReadyWhileAFeedIsNotCaughtUpAndNotAliveOnceOneStopped(Vertx vertx) throws Exception {
        // given two feeds that Kafka answers, one caught up, one still loading
        long now = System.nanoTime();
        FeedProgress view = new FeedProgress("ticket-view", List.of("state"), Duration.ofMinutes(1), Duration.ofMinutes(1), now);
        FeedProgress knowledge = new FeedProgress("knowledge", List.of("stats", "items"), Duration.ofMinutes(1),
                Duration.ofMinutes(1), now);
        view.answered(0, now);
        view.caughtUp();
        knowledge.answered(1200, now);
        List<LongFunction<Check>> checks = List.of(view::check, knowledge::check);
        Health health = new Health(checks, () -> !view.isStopped() && !knowledge.isStopped());
        Router router = Router.router(vertx);
        router.get("/health/ready").handler(health::ready);
        router.get("/health/live").handler(health::live);
        int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
        WebClient client = WebClient.create(vertx);

        // when readiness is asked, then it is DOWN naming the loading feed and how far it has to go
        HttpResponse<Buffer> loading = client.get(port, "127.0.0.1", "/health/ready").send().await();
        assertThat(loading.statusCode()).isEqualTo(503);
        JsonObject body = loading.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("DOWN");
        assertThat(body.getJsonArray("reasons").getString(0)).startsWith("knowledge: still reading").contains("1200 records to go");
        assertThat(body.getJsonObject("checks").getJsonObject("ticket-view").getString("status")).isEqualTo("UP");
        assertThat(body.getJsonObject("checks").getJsonObject("knowledge").getString("state")).isEqualTo("LOADING");
        assertThat(client.get(port, "127.0.0.1", "/health/live").send().await().statusCode()).isEqualTo(200);

        // when it catches up, then it is ready
        knowledge.answered(0, System.nanoTime());
        knowledge.caughtUp();
        assertThat(client.get(port, "127.0.0.1", "/health/ready").send().await().statusCode()).isEqualTo(200);

        // when a feed stops on an error, then neither ready nor alive
        view.stopped("java.lang.IllegalStateException: sink failed");
        assertThat(client.get(port, "127.0.0.1", "/health/ready").send().await().statusCode()).isEqualTo(503);
        assertThat(client.get(port, "127.0.0.1", "/health/live").send().await().statusCode()).isEqualTo(503);
    }
}
