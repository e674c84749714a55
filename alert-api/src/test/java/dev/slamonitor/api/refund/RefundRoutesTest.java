package dev.slamonitor.api.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.refund.ApprovalRecord;
import dev.slamonitor.refund.LeakageView;
import dev.slamonitor.refund.LeakageView.Line;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RefundRoutesTest {

    private final RefundView view = new RefundView();
    private WebClient client;
    private int port;

    @BeforeEach
    void start(Vertx vertx, VertxTestContext ctx) {
        Router router = Router.router(vertx);
        RefundRoutes.mount(router, view);
        client = WebClient.create(vertx);
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .onComplete(ctx.succeeding((HttpServer s) -> {
                    port = s.actualPort();
                    ctx.completeNow();
                }));
        // given two approvals by ana, one by bo, and the November and rolling leakage views
        view.onApproval("R-1", record("R-1", "ana", "2026-11-20T10:00:00Z"));
        view.onApproval("R-2", record("R-2", "ana", "2026-11-21T10:00:00Z"));
        view.onApproval("R-3", record("R-3", "bo", "2026-11-21T10:00:00Z"));
        view.onLeakage("2026-11", leakage("2026-11"));
        view.onLeakage(LeakageView.ROLLING_30_DAYS, leakage(LeakageView.ROLLING_30_DAYS));
    }

    private static ApprovalRecord record(String refundId, String approver, String decidedAt) {
        return new ApprovalRecord(refundId, "T-1", "payments", true, approver, "agent", "team_lead", "medium",
                new BigDecimal("80.00"), "EUR", "GOODWILL", "cx-operations-lead", null,
                Instant.parse(decidedAt).minusSeconds(600), Instant.parse(decidedAt), 600_000L, 1,
                List.of("approver_role_too_low"), "default", 1);
    }

    private static LeakageView leakage(String period) {
        Line ana = new Line("ana", "EUR", 2, new BigDecimal("160.00"), false, null);
        return new LeakageView(period, "2026-11-01", "2026-11-30", "UTC",
                List.of(new Line("all", "EUR", 3, new BigDecimal("240.00"), false, null)),
                List.of(new Line("GOODWILL", "EUR", 3, new BigDecimal("240.00"), false, null)),
                List.of(ana, new Line("bo", "EUR", 1, new BigDecimal("80.00"), false, null)),
                List.of(new Line("payments", "EUR", 3, new BigDecimal("240.00"), false, null)),
                Instant.parse("2026-11-21T10:00:00Z"));
    }

    private void get(VertxTestContext ctx, String uri, Consumer<HttpResponse<Buffer>> then) {
        client.get(port, "127.0.0.1", uri).send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
            then.accept(r);
            ctx.completeNow();
        })));
    }

    @Test
    void shouldServeOneDimensionOfAMonthsLeakage(VertxTestContext ctx) {
        get(ctx, "/api/v1/refunds/leakage?month=2026-11&by=approver", r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject body = r.bodyAsJsonObject();
            assertThat(body.getString("period")).isEqualTo("2026-11");
            assertThat(body.getString("by")).isEqualTo("approver");
            assertThat(body.getJsonArray("lines")).hasSize(2);
            assertThat(body.getJsonArray("lines").getJsonObject(0).getString("key")).isEqualTo("ana");
            assertThat(body.getJsonArray("lines").getJsonObject(0).getValue("amount").toString()).isEqualTo("160.0");
        });
    }

    @Test
    void shouldServeTheRollingWindowWithEveryDimensionWhenNoMonthIsGiven(VertxTestContext ctx) {
        get(ctx, "/api/v1/refunds/leakage", r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject body = r.bodyAsJsonObject();
            assertThat(body.getString("period")).isEqualTo(LeakageView.ROLLING_30_DAYS);
            assertThat(body.getJsonArray("byCode")).hasSize(1);
            assertThat(body.getJsonArray("byTeam")).hasSize(1);
        });
    }

    @Test
    void shouldRefuseABadMonthOrDimensionAsProblemJson(VertxTestContext ctx) {
        client.get(port, "127.0.0.1", "/api/v1/refunds/leakage?month=2026-13").send()
                .compose(bad -> {
                    ctx.verify(() -> {
                        assertThat(bad.statusCode()).isEqualTo(400);
                        assertThat(bad.getHeader("Content-Type")).isEqualTo("application/problem+json");
                        assertThat(bad.bodyAsJsonObject().getString("detail")).contains("yyyy-MM");
                    });
                    return client.get(port, "127.0.0.1", "/api/v1/refunds/leakage?by=customer").send();
                })
                .compose(bad -> {
                    ctx.verify(() -> assertThat(bad.statusCode()).isEqualTo(400));
                    return client.get(port, "127.0.0.1", "/api/v1/refunds/leakage?month=2025-01").send();
                })
                .onComplete(ctx.succeeding(missing -> ctx.verify(() -> {
                    assertThat(missing.statusCode()).isEqualTo(404);
                    ctx.completeNow();
                })));
    }

    @Test
    void shouldServeTheAuditRecordOfOneRefund(VertxTestContext ctx) {
        get(ctx, "/api/v1/refunds/approvals?refundId=R-1", r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject body = r.bodyAsJsonObject();
            assertThat(body.getString("approver")).isEqualTo("ana");
            assertThat(body.getString("requiredRole")).isEqualTo("team_lead");
            assertThat(body.getJsonArray("violations").getString(0)).isEqualTo("approver_role_too_low");
            assertThat(body.getLong("cycleTimeMillis")).isEqualTo(600_000L);
        });
    }

    @Test
    void shouldListAnApproversDecisionsNewestFirstWithinTheLimit(VertxTestContext ctx) {
        get(ctx, "/api/v1/refunds/approvals?approver=ana&limit=1", r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getJsonArray("approvals")).hasSize(1);
            assertThat(r.bodyAsJsonObject().getJsonArray("approvals").getJsonObject(0).getString("refundId")).isEqualTo("R-2");
        });
    }

    @Test
    void shouldRefuseAmbiguousOrUnknownApprovalQueries(VertxTestContext ctx) {
        client.get(port, "127.0.0.1", "/api/v1/refunds/approvals").send()
                .compose(none -> {
                    ctx.verify(() -> assertThat(none.statusCode()).isEqualTo(400));
                    return client.get(port, "127.0.0.1", "/api/v1/refunds/approvals?approver=ana&limit=5000").send();
                })
                .compose(tooMany -> {
                    ctx.verify(() -> assertThat(tooMany.statusCode()).isEqualTo(400));
                    return client.get(port, "127.0.0.1", "/api/v1/refunds/approvals?refundId=R-404").send();
                })
                .onComplete(ctx.succeeding(missing -> ctx.verify(() -> {
                    assertThat(missing.statusCode()).isEqualTo(404);
                    assertThat(missing.bodyAsJsonObject().getString("detail")).contains("R-404");
                    ctx.completeNow();
                })));
    }
}
