package dev.slamonitor.api.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class KnowledgeRoutesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private final KnowledgeView view = new KnowledgeView();
    private WebClient client;
    private int port;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        // given a view with three tags and two items, served by the knowledge routes
        view.applyStats("sso", stats("sso", "identity", 2, 9, false));
        view.applyStats("payment-gateway-timeout", stats("payment-gateway-timeout", "payments", 4, 6, true));
        view.applyStats("unknown", new RootCauseStats("unknown", "kb", "https://p", false,
                List.of(new RootCauseStats.WindowCount("7d", 3, 5, false, List.of("T-9")),
                        new RootCauseStats.WindowCount("30d", 3, 15, false, List.of("T-9"))),
                Map.of("printer-on-fire", 3L), NOW, NOW, 1));
        view.applyItem("payment-gateway-timeout/7d/1", item("payment-gateway-timeout/7d/1", NOW.plusSeconds(100), RemediationItem.Status.OPEN));
        view.applyItem("sso/7d/1", item("sso/7d/1", NOW.plusSeconds(50), RemediationItem.Status.CLOSED));
        HttpServer server = vertx.createHttpServer().requestHandler(new KnowledgeRoutes(view).mount(Router.router(vertx)))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        port = server.actualPort();
        client = WebClient.create(vertx);
    }

    @Test
    void shouldListTopRepeatingTagsWithOwnersForAWindow(VertxTestContext ctx) {
        client.get(port, "127.0.0.1", "/api/v1/root-causes/top?window=7d&limit=2").send()
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    // then the two highest 7d counts, highest first, with owner, threshold and drifting
                    assertThat(res.statusCode()).isEqualTo(200);
                    JsonObject body = res.bodyAsJsonObject();
                    assertThat(body.getString("window")).isEqualTo("7d");
                    JsonArray tags = body.getJsonArray("tags");
                    assertThat(tags.size()).isEqualTo(2);
                    assertThat(tags.getJsonObject(0).getString("tag")).isEqualTo("payment-gateway-timeout");
                    assertThat(tags.getJsonObject(0).getString("owner")).isEqualTo("payments");
                    assertThat(tags.getJsonObject(0).getBoolean("drifting")).isTrue();
                    assertThat(tags.getJsonObject(1).getString("tag")).isEqualTo("unknown");
                    ctx.completeNow();
                })));
    }

    @Test
    void shouldRankByTheRequestedWindow(VertxTestContext ctx) {
        client.get(port, "127.0.0.1", "/api/v1/root-causes/top?window=30d").send()
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertThat(res.bodyAsJsonObject().getJsonArray("tags").getJsonObject(0).getString("tag")).isEqualTo("sso");
                    ctx.completeNow();
                })));
    }

    @Test
    void shouldRefuseAnUncountedWindowOrABadLimit(VertxTestContext ctx) {
        client.get(port, "127.0.0.1", "/api/v1/root-causes/top?window=90d").send()
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).isEqualTo(400);
                        assertThat(res.getHeader("Content-Type")).isEqualTo("application/problem+json");
                        assertThat(res.bodyAsJsonObject().getJsonArray("violations").getJsonObject(0).getString("field"))
                                .isEqualTo("window");
                        assertThat(res.bodyAsJsonObject().getString("detail")).contains("[30d, 7d]");
                    });
                    return client.get(port, "127.0.0.1", "/api/v1/root-causes/top?limit=abc").send();
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(400);
                    ctx.completeNow();
                })));
    }

    @Test
    void shouldShowOneTagOrTheUnknownBucketAndAnswer404ForNoCounts(VertxTestContext ctx) {
        client.get(port, "127.0.0.1", "/api/v1/root-causes/unknown").send()
                .compose(res -> {
                    ctx.verify(() -> {
                        assertThat(res.statusCode()).isEqualTo(200);
                        assertThat(res.bodyAsJsonObject().getJsonObject("unknownTags").getLong("printer-on-fire")).isEqualTo(3L);
                    });
                    return client.get(port, "127.0.0.1", "/api/v1/root-causes/never-seen").send();
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(404);
                    assertThat(res.bodyAsJsonObject().getInteger("status")).isEqualTo(404);
                    ctx.completeNow();
                })));
    }

    @Test
    void shouldListOpenRemediationItemsByDefaultAndAllOnRequest(VertxTestContext ctx) {
        client.get(port, "127.0.0.1", "/api/v1/remediation-items").send()
                .compose(res -> {
                    ctx.verify(() -> {
                        JsonArray items = res.bodyAsJsonObject().getJsonArray("items");
                        assertThat(items.size()).isEqualTo(1);
                        assertThat(items.getJsonObject(0).getString("itemId")).isEqualTo("payment-gateway-timeout/7d/1");
                        assertThat(items.getJsonObject(0).getString("owner")).isEqualTo("payments");
                    });
                    return client.get(port, "127.0.0.1", "/api/v1/remediation-items?status=all").send();
                })
                .compose(res -> {
                    ctx.verify(() -> assertThat(res.bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
                            .getString("itemId")).isEqualTo("sso/7d/1"));
                    return client.get(port, "127.0.0.1", "/api/v1/remediation-items?status=maybe").send();
                })
                .onComplete(ctx.succeeding(res -> ctx.verify(() -> {
                    assertThat(res.statusCode()).isEqualTo(400);
                    ctx.completeNow();
                })));
    }

    private static RootCauseStats stats(String tag, String owner, long count7d, long count30d, boolean drifting) {
        return new RootCauseStats(tag, owner, "https://p/" + tag, true,
                List.of(new RootCauseStats.WindowCount("7d", count7d, 3, drifting, List.of("T-1")),
                        new RootCauseStats.WindowCount("30d", count30d, 8, false, List.of("T-1"))),
                null, NOW, NOW, 1);
    }

    private static RemediationItem item(String id, Instant due, RemediationItem.Status status) {
        return new RemediationItem(id, RemediationItem.tagOf(id), "7d", "payments", "https://p", status, 3, 3,
                List.of("T-1"), "alert-1", NOW, due, false, null, null, null);
    }
}
