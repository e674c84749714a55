package dev.slamonitor.api;

import dev.slamonitor.config.AppConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** The HTTP routes of the alert API. Handlers are thin and never block the event loop. */
public final class HttpApiVerticle extends VerticleBase {

    private final AppConfig config;
    private final PrometheusMeterRegistry registry;
    private HttpServer server;

    public HttpApiVerticle(AppConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));

        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(config.port("api.http.port"), config.string("api.http.host"))
                .onSuccess(s -> this.server = s);
    }

    int actualPort() {
        return server.actualPort();
    }

    private void health(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "UP").encode());
    }
}
