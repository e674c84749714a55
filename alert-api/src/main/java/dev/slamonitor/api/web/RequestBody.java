package dev.slamonitor.api.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a request body for the handlers after it, bounded in size ({@code api.body.limit.bytes}: a
 * larger declared or sent body gets 413) and in time ({@code api.http.body.timeout}: a body still
 * incomplete then gets 408 and the connection is closed).
 *
 * <p>Routes put it after authentication, so nothing is buffered for a caller without a valid key. Vert.x
 * Web would order its {@link BodyHandler} before any other handler; wrapping it in a plain handler is
 * what lets authentication come first. Everything before it runs synchronously within the request's
 * first event-loop turn, so no body bytes arrive before the body handler is set.
 */
public final class RequestBody {

    private final BodyHandler bodyHandler;
    private final long timeoutMillis;
    private final Counter timeouts;

    public RequestBody(int limitBytes, long timeoutMillis, MeterRegistry registry) {
        this.bodyHandler = BodyHandler.create(false).setBodyLimit(limitBytes);
        this.timeoutMillis = timeoutMillis;
        this.timeouts = Counter.builder("slamon.api.http.connections.closed").tag("reason", "body_timeout")
                .description("Connections the API closed to bound what clients hold").register(registry);
    }

    public Handler<RoutingContext> handler() {
        return ctx -> {
            long timer = ctx.vertx().setTimer(timeoutMillis, id -> {
                if (!ctx.request().isEnded() && !ctx.response().ended()) {
                    timeouts.increment();
                    Problems.send(ctx, 408, "body-timeout", "Request body timeout",
                            "The body did not arrive within api.http.body.timeout; send it faster or in smaller parts.");
                    ctx.request().connection().close();
                }
            });
            ctx.addEndHandler(v -> ctx.vertx().cancelTimer(timer));
            bodyHandler.handle(ctx);
        };
    }
}
