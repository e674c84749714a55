package dev.slamonitor.api.http;

import dev.slamonitor.event.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * RFC 7807 problem responses ({@code application/problem+json}): every error the API returns has a
 * type, title, status and detail, and validation errors list each bad field under {@code violations}.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://sla-monitor.dev/problems/";

    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        send(ctx, status, problem(status, slug, title, detail));
    }

    public static void invalid(RoutingContext ctx, String detail, List<Violation> violations) {
        JsonArray list = new JsonArray();
        violations.forEach(v -> list.add(new JsonObject().put("field", v.field()).put("message", v.message())));
        send(ctx, 400, problem(400, "invalid-request", "Invalid request", detail).put("violations", list));
    }

    public static JsonObject problem(int status, String slug, String title, String detail) {
        return new JsonObject().put("type", TYPE_BASE + slug).put("title", title).put("status", status)
                .put("detail", detail);
    }

    public static void send(RoutingContext ctx, int status, JsonObject problem) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(problem.encode());
    }
}
