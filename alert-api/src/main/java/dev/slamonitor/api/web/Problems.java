package dev.slamonitor.api.web;

import dev.slamonitor.event.Violation;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the API answers an error: an RFC 9457 problem document ({@code application/problem+json})
 * with {@code type}, {@code title}, {@code status} and {@code detail}; validation errors name each bad
 * field under {@code violations}. Every route, the router's own errors (unknown route, 405, a bad
 * percent-encoding, an exception in a handler) and requests the HTTP codec refuses go through here.
 *
 * <p>Invariants: a problem never names an API key; every 5xx carries a fresh {@code correlationId}
 * (also as {@code instance}, {@code urn:uuid:...}, and the {@code X-Correlation-Id} header) and is
 * logged with that id, the request line and, when there is one, the cause's stack trace, so that a
 * caller's report finds its log line.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final String TYPE_BASE = "https://sla-monitor.dev/problems/";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        send(ctx, status, problem(status, slug, title, detail));
    }

    /** A problem caused by {@code cause} (logged with its stack trace when the status is a 5xx). */
    public static void send(RoutingContext ctx, int status, String slug, String title, String detail, Throwable cause) {
        send(ctx.request(), status, problem(status, slug, title, detail), cause);
    }

    /** 400 naming every bad field. */
    public static void invalid(RoutingContext ctx, String detail, List<Violation> violations) {
        send(ctx, 400, invalidProblem(detail, violations));
    }

    /** 400 for one bad field (a query parameter, a header). */
    public static void invalid(RoutingContext ctx, String field, String message) {
        invalid(ctx, "Bad request: " + field + " " + message + ".", List.of(new Violation(field, message)));
    }

    /** 429 with {@code Retry-After} in whole seconds. */
    public static void tooManyRequests(RoutingContext ctx, long retryAfterSeconds, String detail) {
        ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
        send(ctx, 429, problem(429, "rate-limited", "Too many requests", detail).put("retryAfterSeconds", retryAfterSeconds));
    }

    public static JsonObject problem(int status, String slug, String title, String detail) {
        return new JsonObject().put("type", TYPE_BASE + slug).put("title", title).put("status", status)
                .put("detail", detail);
    }

    static JsonObject invalidProblem(String detail, List<Violation> violations) {
        JsonArray list = new JsonArray();
        violations.forEach(v -> list.add(new JsonObject().put("field", v.field()).put("message", v.message())));
        return problem(400, "invalid-request", "Invalid request", detail).put("violations", list);
    }

    public static void send(RoutingContext ctx, int status, JsonObject problem) {
        send(ctx.request(), status, problem, ctx.failure());
    }

    /**
     * Writes the problem on a bare request (also one the router never saw). A request whose body was not
     * read (refused before buffering) gets {@code Connection: close}, so its unread bytes end with the
     * connection instead of being parsed as the next request.
     */
    public static void send(HttpServerRequest request, int status, JsonObject problem, Throwable cause) {
        HttpServerResponse response = request.response();
        if (status >= 500) {
            String id = UUID.randomUUID().toString();
            problem.put("instance", "urn:uuid:" + id).put("correlationId", id);
            logServerError(request, status, id, problem.getString("detail"), cause);
            if (!response.headWritten()) {
                response.putHeader(CORRELATION_HEADER, id);
            }
        }
        if (response.headWritten()) {
            // Too late for a status (a stream already started): end the exchange instead of corrupting it.
            response.reset();
            return;
        }
        if (hasUnreadBody(request)) {
            response.putHeader("Connection", "close");
        }
        response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(problem.encode());
    }

    /** Answers every 4xx and 5xx the router raises itself (no route, 405, undecodable URI, handler failure). */
    public static void installOn(Router router, String openApiPath) {
        for (int status = 400; status < 600; status++) {
            int code = status;
            router.errorHandler(code, ctx -> routerError(ctx, code, openApiPath));
        }
    }

    private static void routerError(RoutingContext ctx, int status, String openApiPath) {
        HttpServerRequest request = ctx.request();
        switch (status) {
            case 400 -> invalid(ctx, "Bad request: " + (ctx.failure() == null ? "malformed request"
                    : firstLine(ctx.failure().getMessage())) + ".",
                    List.of(new Violation("uri", "malformed (check the percent-encoding of the path and query)")));
            case 404 -> send(ctx, 404, "not-found", "Not found", "No route " + safePath(request) + "; see " + openApiPath + ".");
            case 405 -> send(ctx, 405, "method-not-allowed", "Method not allowed",
                    request.method() + " is not allowed on " + safePath(request) + ".");
            case 413 -> send(ctx, 413, "body-too-large", "Request body too large",
                    "The body is larger than this route accepts (api.body.limit.bytes).");
            case 500 -> send(ctx, 500, "internal-error", "Internal error",
                    "The request failed unexpectedly; the server log has the details under this correlationId.");
            default -> send(ctx, status, "http-" + status, reason(status), reason(status) + ".");
        }
    }

    private static void logServerError(HttpServerRequest request, int status, String id, String detail, Throwable cause) {
        String line = request.method() + " " + safePath(request);
        if (status == 500 || cause != null) {
            LOG.error("{} on {} correlationId={}: {}", status, line, id, detail, cause);
        } else {
            LOG.warn("{} on {} correlationId={}: {}", status, line, id, detail);
        }
    }

    private static boolean hasUnreadBody(HttpServerRequest request) {
        if (request.isEnded()) {
            return false;
        }
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
    }

    /** The raw path (never decoded, so an undecodable one still prints), bounded for logs and bodies. */
    private static String safePath(HttpServerRequest request) {
        String path = request.path();
        if (path == null) {
            return "?";
        }
        return path.length() > 200 ? path.substring(0, 200) + "..." : path;
    }

    private static String reason(int status) {
        String phrase = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
        return phrase == null || phrase.isBlank() ? "HTTP " + status : phrase;
    }

    private static String firstLine(String message) {
        return message == null ? "malformed request" : message.split("\n", 2)[0];
    }
}
