package dev.slamonitor.api.web;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what a client can hold of the HTTP server, from {@code api.http.*}:
 * <ul>
 *   <li>a connection must present a complete request head within {@code api.http.header.timeout} of
 *       opening (slow-header clients are closed), and the next one within {@code api.http.idle.timeout}
 *       of its previous response's end when kept alive: a keep-alive client may idle as long as any
 *       connection, but a slowly dripped later request head is still cut off;</li>
 *   <li>a connection with no traffic either way for {@code api.http.idle.timeout} is closed (longer
 *       than the SSE heartbeat, so live streams stay open);</li>
 *   <li>at most {@code api.http.max.connections} connections are open, at most
 *       {@code api.http.max.connections.per.address} from one client address (more are closed at once);</li>
 *   <li>request lines and headers are bounded ({@code api.http.max.initial.line.bytes},
 *       {@code api.http.max.header.bytes}); a request the codec refuses gets a problem (400, 414, 431).</li>
 * </ul>
 * Runs on the server's event loop; the counter {@code slamon_api_http_connections_closed_total{reason}}
 * counts the connections it closed.
 */
public final class ServerGuard {

    /** The server's bounds, read and validated once at start-up. */
    public record Settings(Duration headerTimeout, Duration idleTimeout, Duration bodyTimeout, int maxConnections,
                           int maxConnectionsPerAddress, int maxHeaderBytes, int maxInitialLineBytes, int bodyLimitBytes) {

        public static Settings from(AppConfig config) {
            Settings s = new Settings(config.duration("api.http.header.timeout"), config.duration("api.http.idle.timeout"),
                    config.duration("api.http.body.timeout"), config.integer("api.http.max.connections", 1, 10_000_000),
                    config.integer("api.http.max.connections.per.address", 1, 10_000_000),
                    config.integer("api.http.max.header.bytes", 1024, 1 << 20),
                    config.integer("api.http.max.initial.line.bytes", 256, 1 << 20),
                    config.integer("api.body.limit.bytes", 1, Integer.MAX_VALUE));
            for (String key : List.of("api.http.header.timeout", "api.http.body.timeout")) {
                if (config.duration(key).toMillis() <= 0) {
                    throw config.invalid(key, "a positive duration such as 10s");
                }
            }
            if (s.idleTimeout.compareTo(config.duration("api.sse.heartbeat")) <= 0) {
                throw config.invalid("api.http.idle.timeout", "a duration longer than api.sse.heartbeat ("
                        + config.string("api.sse.heartbeat") + "), or idle alert streams are cut");
            }
            if (s.maxConnections <= config.integer("api.sse.max.clients", 1, 1_000_000)) {
                throw config.invalid("api.http.max.connections", "more than api.sse.max.clients ("
                        + config.string("api.sse.max.clients") + "), so that stream clients leave room for requests");
            }
            return s;
        }
    }

    private final Vertx vertx;
    private final Settings settings;
    private final Map<HttpConnection, Long> awaitingHead = new IdentityHashMap<>();
    private final Counter headerTimeouts;
    private final Counter overLimit;
    private final Counter overAddressLimit;
    private final Map<String, Integer> openByAddress = new HashMap<>();
    private int open;

    public ServerGuard(Vertx vertx, Settings settings, MeterRegistry registry) {
        this.vertx = vertx;
        this.settings = settings;
        this.headerTimeouts = closed(registry, "header_timeout");
        this.overLimit = closed(registry, "max_connections");
        this.overAddressLimit = closed(registry, "max_connections_per_address");
    }

    private static Counter closed(MeterRegistry registry, String reason) {
        return Counter.builder("slamon.api.http.connections.closed").tag("reason", reason)
                .description("Connections the API closed to bound what clients hold").register(registry);
    }

    public HttpServerOptions options() {
        // HTTP/1.1 only: clear-text HTTP/2 detection would wait for a client's first bytes before the
        // connection exists, so a silent connection could never be timed out.
        return new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) settings.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxInitialLineLength(settings.maxInitialLineBytes());
    }

    /** A server with the guard's options, connection handling and invalid-request answers around {@code handler}. */
    public HttpServer server(Handler<HttpServerRequest> handler) {
        return vertx.createHttpServer(options())
                .connectionHandler(this::opened)
                .invalidRequestHandler(ServerGuard::invalid)
                .requestHandler(request -> {
                    cancel(request.connection());
                    handler.handle(request);
                });
    }

    /**
     * The router's first handler: once a response ends on a kept-alive connection, the next request head
     * must be complete within the idle timeout. The keep-alive window is the idle timeout rather than the
     * header timeout because clients reuse pooled connections for up to a minute, and a server closing
     * them sooner races with a request being sent on them.
     */
    public Handler<RoutingContext> rearmAfterResponse() {
        return ctx -> {
            HttpConnection connection = ctx.request().connection();
            ctx.addEndHandler(v -> {
                if (!ctx.response().closed()) {
                    arm(connection, settings.idleTimeout());
                }
            });
            ctx.next();
        };
    }

    private void opened(HttpConnection connection) {
        if (open >= settings.maxConnections()) {
            overLimit.increment();
            connection.close();
            return;
        }
        String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
        if (openByAddress.getOrDefault(address, 0) >= settings.maxConnectionsPerAddress()) {
            overAddressLimit.increment();
            connection.close();
            return;
        }
        open++;
        openByAddress.merge(address, 1, Integer::sum);
        connection.closeHandler(v -> {
            open--;
            openByAddress.computeIfPresent(address, (k, n) -> n == 1 ? null : n - 1);
            cancel(connection);
        });
        arm(connection, settings.headerTimeout());
    }

    private void arm(HttpConnection connection, Duration timeout) {
        cancel(connection);
        long timer = vertx.setTimer(timeout.toMillis(), id -> {
            awaitingHead.remove(connection);
            headerTimeouts.increment();
            connection.close();
        });
        awaitingHead.put(connection, timer);
    }

    private void cancel(HttpConnection connection) {
        Long timer = awaitingHead.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** Problem answers for requests the HTTP codec could not parse; the server closes the connection after them. */
    private static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            Problems.send(request, 414, Problems.problem(414, "uri-too-long", "URI too long",
                    "The request line is longer than api.http.max.initial.line.bytes allows."), null);
        } else if (cause instanceof TooLongHttpHeaderException) {
            Problems.send(request, 431, Problems.problem(431, "headers-too-large", "Request header fields too large",
                    "The request headers are larger than api.http.max.header.bytes allows."), null);
        } else {
            Problems.send(request, 400, Problems.invalidProblem("The request could not be parsed as HTTP/1.1.",
                    List.of(new Violation("request", "malformed request line or header"))), null);
        }
    }
}
