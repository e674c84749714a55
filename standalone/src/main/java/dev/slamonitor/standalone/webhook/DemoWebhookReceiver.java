package dev.slamonitor.standalone.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.json.Json;
import dev.slamonitor.standalone.webhook.DemoWebhookTally.Channel;
import dev.slamonitor.standalone.webhook.DemoWebhookTally.Received;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback webhook receiver for the standalone demo, so that the alert API's webhook sender has
 * somewhere real to deliver to. Routes: {@code POST /slack} takes a Slack incoming-webhook message
 * ({@code {"text": ...}}, alert id from the {@code X-Slamon-Alert-Id} header), {@code POST /json}
 * the generic alert JSON, {@code GET /} answers the counts and the last alerts as JSON. Every
 * {@code failEvery}-th request is answered 503 on purpose (see {@link DemoWebhookTally}); a body
 * that is not the expected shape gets 400. Only alert ids, types and ticket ids are logged, never
 * headers or bodies. Listens on 127.0.0.1 unless given another address (compose's receiver service).
 */
public final class DemoWebhookReceiver extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWebhookReceiver.class);
    private static final int BODY_LIMIT = 256 * 1024;

    private final String host;
    private final int port;
    private final DemoWebhookTally tally;
    private final Clock clock;
    private HttpServer server;

    public DemoWebhookReceiver(int port, DemoWebhookTally tally, Clock clock) {
        this("127.0.0.1", port, tally, clock);
    }

    public DemoWebhookReceiver(String host, int port, DemoWebhookTally tally, Clock clock) {
        this.host = host;
        this.port = port;
        this.tally = tally;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.post("/slack").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::refuseSome).handler(this::slack);
        router.post("/json").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::refuseSome).handler(this::json);
        router.post("/pagerduty").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::refuseSome).handler(this::pagerDuty);
        router.get("/").handler(this::status);
        // Summary every 30 s instead of a line per alert: the demo sends dozens a minute.
        vertx.setPeriodic(30_000, id -> logSummary());
        return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
    }

    /** The port it listens on (the configured one, or the one picked for 0). */
    public int actualPort() {
        return server.actualPort();
    }

    private void refuseSome(RoutingContext ctx) {
        if (tally.nextRequestFails()) {
            ctx.response().setStatusCode(503).putHeader("Retry-After", "1").end();
        } else {
            ctx.next();
        }
    }

    private void slack(RoutingContext ctx) {
        JsonNode body = parse(ctx);
        String alertId = ctx.request().getHeader("X-Slamon-Alert-Id");
        if (body == null || !body.path("text").isTextual() || alertId == null || alertId.isBlank()) {
            badRequest(ctx, "expected a Slack message {\"text\": ...} and an X-Slamon-Alert-Id header");
            return;
        }
        // The Slack text starts with an icon and the bold alert type, then the bold ticket:
        // ":rotating_light: *BREACH* · critical ...\n*Ticket T-1*".
        String text = body.get("text").asText();
        String type = between(text, "*", "*");
        record(ctx, new Received(alertId, type == null ? "?" : type, between(text, "*Ticket ", "*"), Channel.SLACK, clock.instant(),
                header(ctx, "X-Slamon-Alert-Key", alertId), header(ctx, "X-Slamon-Alert-State", "TRIGGERED")));
    }

    /** A PagerDuty Events API v2 event: trigger / acknowledge / resolve of one dedup_key. */
    private void pagerDuty(RoutingContext ctx) {
        JsonNode body = parse(ctx);
        String alertId = ctx.request().getHeader("X-Slamon-Alert-Id");
        if (body == null || !body.path("dedup_key").isTextual() || !body.path("event_action").isTextual() || alertId == null) {
            badRequest(ctx, "expected a PagerDuty Events API v2 event with event_action and dedup_key");
            return;
        }
        String state = switch (body.get("event_action").asText()) {
            case "acknowledge" -> "ACKNOWLEDGED";
            case "resolve" -> "RESOLVED";
            default -> "TRIGGERED";
        };
        String type = body.at("/payload/class").asText(header(ctx, "X-Slamon-Alert-State", "?"));
        String ticket = body.at("/payload/custom_details/ticketId").isTextual() ? body.at("/payload/custom_details/ticketId").asText() : null;
        record(ctx, new Received(alertId, type, ticket, Channel.PAGERDUTY, clock.instant(), body.get("dedup_key").asText(), state));
        // PagerDuty answers 202 Accepted
    }

    private static String header(RoutingContext ctx, String name, String fallback) {
        String value = ctx.request().getHeader(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = from < 0 ? -1 : text.indexOf(end, from + start.length());
        return to < 0 ? null : text.substring(from + start.length(), to);
    }

    private void json(RoutingContext ctx) {
        JsonNode body = parse(ctx);
        if (body == null || !body.path("alertId").isTextual() || !body.path("type").isTextual()) {
            badRequest(ctx, "expected the alert JSON with alertId and type");
            return;
        }
        record(ctx, new Received(body.get("alertId").asText(), body.get("type").asText(),
                body.path("ticketId").isTextual() ? body.get("ticketId").asText() : null, Channel.JSON, clock.instant(),
                body.path("alertKey").asText(body.get("alertId").asText()), body.path("state").asText("TRIGGERED")));
    }

    private void record(RoutingContext ctx, Received alert) {
        DemoWebhookTally.Verdict verdict = tally.accept(alert);
        if (verdict == DemoWebhookTally.Verdict.DUPLICATE) {
            LOG.warn("Demo webhook receiver: alert {} delivered again on {} (a duplicate for that receiver)", alert.alertId(), alert.channel());
        } else {
            LOG.debug("Demo webhook receiver: {} alert {} for {} on {}", alert.type(), alert.alertId(), alert.ticketId(), alert.channel());
        }
        // Answer 200 either way: the receiver has the alert, a sender must not retry it.
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{\"ok\":true}");
    }

    private void status(RoutingContext ctx) {
        try {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tally.snapshot()));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }

    private static JsonNode parse(RoutingContext ctx) {
        try {
            return ctx.body().buffer() == null ? null : Json.mapper().readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    private static void badRequest(RoutingContext ctx, String detail) {
        ObjectNode problem = Json.mapper().createObjectNode().put("title", "Bad webhook payload").put("status", 400)
                .put("detail", detail);
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json").end(problem.toString());
    }

    private void logSummary() {
        DemoWebhookTally.Snapshot s = tally.snapshot();
        if (s.requests() > 0) {
            LOG.info("Demo webhook receiver: {} distinct alerts {} by type {}; lifecycle: {} triggers, {} acks, {} resolves;"
                            + " {} requests, {} answered 503 on purpose, {} duplicates",
                    s.distinctAlerts(), s.accepted(), s.byType(), s.inState("TRIGGERED"), s.inState("ACKNOWLEDGED"),
                    s.inState("RESOLVED"), s.requests(), s.refusedOnPurpose(), s.duplicates());
        }
    }
}
