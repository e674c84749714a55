package dev.slamonitor.processor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.health.HealthStatus;
import dev.slamonitor.processor.health.ProcessorHealth;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The processor's own HTTP endpoint ({@code processor.http.host}:{@code processor.http.port}), serving
 * exactly {@code GET /metrics} (Prometheus), {@code /health/live}, {@code /health/ready} and
 * {@code /health} (the same as ready); any other path is 404, another method 405.
 */
final class ProcessorHttpServer {

    private final HttpServer server;

    private ProcessorHttpServer(HttpServer server) {
        this.server = server;
    }

    static ProcessorHttpServer start(AppConfig config, PrometheusMeterRegistry registry, ProcessorHealth health) {
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(config.string("processor.http.host"), config.port("processor.http.port")), 0);
            // one context for all paths: the JDK server matches contexts by prefix, and only exact paths may answer
            server.createContext("/", exchange -> {
                try (exchange) {
                    handle(exchange, registry, health);
                }
            });
            server.start();
            return new ProcessorHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on processor.http.port=" + config.string("processor.http.port")
                    + " (is it in use? set SLAMON_PROCESSOR_HTTP_PORT)", e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private static void handle(HttpExchange exchange, PrometheusMeterRegistry registry, ProcessorHealth health) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean get = "GET".equals(exchange.getRequestMethod());
        switch (path) {
            case "/metrics" -> {
                if (!get) {
                    respond(exchange, 405, "text/plain", "method not allowed");
                    return;
                }
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            }
            case "/health", "/health/ready" -> {
                HealthStatus status = health.ready();
                respond(exchange, get ? (status.up() ? 200 : 503) : 405, "application/json", status.toJson());
            }
            case "/health/live" -> {
                boolean live = health.live();
                respond(exchange, get ? (live ? 200 : 503) : 405, "application/json",
                        "{\"status\":\"" + (live ? "UP" : "DOWN") + "\"}");
            }
            default -> respond(exchange, 404, "application/json", "{\"status\":404,\"detail\":\"no such path\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
