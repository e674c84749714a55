package dev.slamonitor.api.alerts;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.api.web.Problems;
import dev.slamonitor.api.web.QueryParams;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /alerts/stream}: server-sent events of live alerts, filtered by severity, tier, team and
 * type, resumable with {@code Last-Event-ID} (header, or {@code lastEventId} query parameter for
 * clients that cannot set headers). Runs on the hub's context.
 */
public final class AlertStreamRoute {

    private static final Set<String> TYPES = Arrays.stream(AlertType.values()).map(Enum::name).collect(Collectors.toSet());

    private final AlertStreamHub hub;
    private final int clientQueue;
    private final int maxClients;

    public AlertStreamRoute(AlertStreamHub hub, int clientQueue, int maxClients) {
        this.hub = hub;
        this.clientQueue = clientQueue;
        this.maxClients = maxClients;
    }

    public void stream(RoutingContext ctx) {
        QueryParams params = new QueryParams(ctx);
        AlertFilter filter = new AlertFilter(
                params.severities(),
                params.tiers(),
                params.set("team"),
                params.set("type", TYPES::contains, "an alert type such as BREACH or ESCALATION"));
        String lastId = Optional.ofNullable(ctx.request().getHeader("Last-Event-ID"))
                .orElse(ctx.queryParams().get("lastEventId"));
        Optional<StreamPosition> resume = StreamPosition.parse(lastId);
        if (lastId != null && !lastId.isBlank() && resume.isEmpty()) {
            params.addViolation("Last-Event-ID", "not an event id sent by this stream");
        }
        if (!params.violations().isEmpty()) {
            Problems.invalid(ctx, "Bad stream parameters.", params.violations());
            return;
        }
        if (hub.clientCount() >= maxClients) {
            ctx.response().putHeader("Retry-After", "10");
            Problems.send(ctx, 503, "too-many-streams", "Too many stream clients",
                    "This instance holds its maximum of " + maxClients + " stream clients (api.sse.max.clients).");
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 3000\n: connected\n\n");
        SseClient client = new SseClient(new SseClient.Sink() {
            @Override
            public boolean writeQueueFull() {
                return response.writeQueueFull();
            }

            @Override
            public void write(String frame) {
                response.write(frame);
            }

            @Override
            public void close() {
                ctx.request().connection().close();
            }

            @Override
            public void end(String finalFrame) {
                response.end(finalFrame);
            }
        }, filter, clientQueue);
        response.drainHandler(v -> client.drain());
        response.closeHandler(v -> hub.unsubscribe(client));
        if (!hub.subscribe(client, resume)) {
            client.offer(": replay incomplete: some alerts after the given Last-Event-ID left the replay buffer\n\n");
        }
    }
}
