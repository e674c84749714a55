package dev.slamonitor.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Small helpers for JSON success responses written with the shared mapper. */
public final class Responses {

    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonNode body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(Json.mapper().writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        json(ctx, status, Json.mapper().<JsonNode>valueToTree(body));
    }
}
