package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HealthTest {

    private AlertApiApp app;

    @BeforeEach
    void start() {
        app = AlertApiApp.start(AppConfig.load(Map.of()).with(Map.of("api.http.port", "0", "api.http.host", "127.0.0.1")));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void shouldAnswerHealthAndExposeMetricsWithoutCredentials(Vertx vertx, VertxTestContext ctx) {
        WebClient client = WebClient.create(vertx);
        client.get(app.port(), "127.0.0.1", "/health").send()
                .compose(health -> {
                    ctx.verify(() -> {
                        assertThat(health.statusCode()).isEqualTo(200);
                        assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");
                    });
                    return client.get(app.port(), "127.0.0.1", "/metrics").send();
                })
                .onComplete(ctx.succeeding(metrics -> ctx.verify(() -> {
                    assertThat(metrics.bodyAsString()).contains("jvm_memory_used_bytes");
                    ctx.completeNow();
                })));
    }
}
