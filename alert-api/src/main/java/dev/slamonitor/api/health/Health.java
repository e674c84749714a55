package dev.slamonitor.api.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * The API's health endpoints over a list of readiness checks (the Kafka cluster and every feed the API
 * serves): {@code /health/ready} and {@code /health} answer 200 only when every check is UP, else 503,
 * with each check's status and, when down, its reason; {@code /health/live} answers 200 while the
 * process can still recover by itself (503 once a feed stopped for good, so an orchestrator restarts it).
 */
public final class Health {

    private final List<LongFunction<Check>> checks;
    private final BooleanSupplier alive;

    public Health(List<LongFunction<Check>> checks, BooleanSupplier alive) {
        this.checks = List.copyOf(checks);
        this.alive = alive;
    }

    /** Every check now, in order. */
    public List<Check> evaluate() {
        long now = System.nanoTime();
        return checks.stream().map(c -> c.apply(now)).toList();
    }

    public boolean isReady() {
        return evaluate().stream().allMatch(Check::up);
    }

    public void ready(RoutingContext ctx) {
        List<Check> results = evaluate();
        boolean up = results.stream().allMatch(Check::up);
        JsonObject checksJson = new JsonObject();
        JsonArray reasons = new JsonArray();
        for (Check c : results) {
            checksJson.put(c.name(), c.toJson());
            if (!c.up()) {
                reasons.add(c.name() + ": " + c.reason());
            }
        }
        JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN");
        if (!up) {
            body.put("reasons", reasons);
        }
        body.put("checks", checksJson);
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }

    public void live(RoutingContext ctx) {
        boolean up = alive.getAsBoolean();
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(new JsonObject().put("status", up ? "UP" : "DOWN").encode());
    }
}
