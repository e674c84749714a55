package dev.slamonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.slamonitor.config.AppConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The API's HTTP hardening on a real Vert.x server with the API's own guard, limits, authentication,
 * body reader and problem handlers around small test routes (no Kafka needed).
 */
@ExtendWith(VertxExtension.class)
class HttpHardeningTest {

    private static final String VIEWER = "viewer-key-0123456789";
    private static final String PUBLISHER = "publisher-key-0123456789";
    private HttpServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private int start(Vertx vertx, Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "api.auth.keys", ApiKeys.entry("ops-dashboard", VIEWER, Role.VIEWER) + ","
                        + ApiKeys.entry("ingest", PUBLISHER, Role.PUBLISHER),
                "api.http.header.timeout", "1s", "api.http.body.timeout", "1s", "api.body.limit.bytes", "1024"));
        settings.putAll(overrides);
        AppConfig config = AppConfig.load(Map.of()).with(settings);
        ServerGuard.Settings http = ServerGuard.Settings.from(config);
        RequestLimits limits = new RequestLimits(config, registry, System::nanoTime);
        BearerAuth auth = new BearerAuth(ApiKeys.from(config), limits);
        ServerGuard guard = new ServerGuard(vertx, http, registry);
        var body = new RequestBody(http.bodyLimitBytes(), http.bodyTimeout().toMillis(), registry).handler();
        Router router = Router.router(vertx);
        router.route().handler(guard.rearmAfterResponse());
        router.route().handler(limits.perAddress());
        router.get("/things/:id").handler(auth.require(Role.VIEWER)).handler(ctx -> ctx.response().end(ctx.pathParam("id")));
        router.get("/search").handler(auth.require(Role.VIEWER)).handler(ctx -> ctx.response().end(String.valueOf(ctx.queryParams().get("q"))));
        router.post("/things").handler(auth.require(Role.PUBLISHER)).handler(body)
                .handler(ctx -> ctx.response().setStatusCode(202).end(String.valueOf(ctx.body().length())));
        router.get("/boom").handler(ctx -> {
            throw new IllegalStateException("the view is broken");
        });
        Problems.installOn(router, "/api/v1/openapi.yaml");
        server = guard.server(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().await();
        }
    }

    /** A response read in full. */
    private record Answer(int statusCode, io.vertx.core.MultiMap headers, String body) {
        String getHeader(String name) {
            return headers.get(name);
        }
    }

    private static Answer call(Vertx vertx, int port, HttpMethod method, String uri, String key, String body) {
        HttpClient client = vertx.createHttpClient();
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
        if (key != null) {
            options.putHeader("Authorization", "Bearer " + key);
        }
        return client.request(options).compose(req -> body == null ? req.send() : req.send(body))
                .compose(res -> res.body().map(b -> new Answer(res.statusCode(), res.headers(), b.toString()))).await();
    }

    private static JsonObject json(Answer res) {
        return new JsonObject(res.body());
    }

    @Test
    void shouldCloseSlowHeaderConnectionsWithinTheHeaderTimeout(Vertx vertx) throws Exception {
        // given a header timeout of 1 s
        int port = start(vertx, Map.of());
        // when 200 clients open connections and send only part of a request head
        List<Socket> sockets = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /things/1 HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            sockets.add(s);
        }
        // then the server closes every one of them within a few seconds (read returns end of stream)
        for (Socket s : sockets) {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            s.close();
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(8_000);
        assertThat(registry.get("slamon.api.http.connections.closed").tag("reason", "header_timeout").counter().count())
                .isEqualTo(200);
    }

    @Test
    void shouldCloseAConnectionThatDripsItsHeaderByteByByte(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of());
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            long started = System.nanoTime();
            // one byte every 200 ms keeps an idle timer alive, but not the header timeout
            boolean closed = false;
            for (byte b : "GET /things/1 HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.US_ASCII)) {
                try {
                    out.write(b);
                    out.flush();
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                Thread.sleep(200);
            }
            if (!closed) {
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
        }
    }

    /** Reads one response to a GET of /things/1 (body "1"): its status line. */
    private static String readResponse(Socket s) throws Exception {
        StringBuilder head = new StringBuilder();
        InputStream in = s.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return "closed";
            }
            head.append((char) b);
        }
        in.read(); // the one-byte body
        return head.substring(0, head.indexOf("\r\n"));
    }

    @Test
    void shouldKeepAnIdleKeepAliveConnectionButCutADrippedNextRequest(Vertx vertx) throws Exception {
        // given a header timeout of 1 s and an idle timeout of 3 s
        int port = start(vertx, Map.of("api.http.idle.timeout", "3s", "api.sse.heartbeat", "1s"));
        byte[] request = ("GET /things/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + VIEWER + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            assertThat(readResponse(s)).isEqualTo("HTTP/1.1 200 OK");
            // when the client keeps the connection idle longer than the header timeout
            Thread.sleep(1_500);
            // then it can still send its next request on it
            s.getOutputStream().write(request);
            assertThat(readResponse(s)).isEqualTo("HTTP/1.1 200 OK");
            // but a next request head dripped slowly is cut off after the idle timeout
            long started = System.nanoTime();
            s.getOutputStream().write("GET /things/1 HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(2_000L, 8_000L);
        }
    }

    @Test
    void shouldAnswer408AndCloseWhenTheBodyIsTooSlow(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of());
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /things HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + PUBLISHER
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json").contains("api.http.body.timeout");
        }
    }

    @Test
    void shouldAuthenticateBeforeReadingTheBody(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of());
        String big = "x".repeat(10_000);
        // a body over the limit with a wrong key: 401, not 413
        Answer wrong = call(vertx, port, HttpMethod.POST, "/things", "wrong-key", big);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.getHeader("Content-Type")).isEqualTo("application/problem+json");
        // with the right key: 413 as a problem
        Answer large = call(vertx, port, HttpMethod.POST, "/things", PUBLISHER, big);
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(json(large).getString("type")).endsWith("/body-too-large");
        // and a small body passes
        assertThat(call(vertx, port, HttpMethod.POST, "/things", PUBLISHER, "{}").statusCode()).isEqualTo(202);
    }

    @Test
    void shouldNameNoKeyInA403(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of());
        Answer res = call(vertx, port, HttpMethod.POST, "/things", VIEWER, "{}");
        assertThat(res.statusCode()).isEqualTo(403);
        String body = res.body();
        assertThat(body).doesNotContain("ops-dashboard").contains("publisher");
    }

    @Test
    void shouldRateLimitWrongKeysPerAddress(Vertx vertx) throws Exception {
        // given the default burst of 20 failed authentications, refilled slowly (1 a minute, so load cannot refill it)
        int port = start(vertx, Map.of("api.rate.limit.auth.failures.per.minute", "1"));
        // when 2 000 wrong-key requests come at once
        HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions(),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(50));
        List<io.vertx.core.Future<HttpClientResponse>> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            all.add(client.request(HttpMethod.GET, port, "127.0.0.1", "/things/1")
                    .compose(req -> req.putHeader("Authorization", "Bearer guess-" + req.hashCode()).send()));
        }
        io.vertx.core.Future.join(all).await(60, TimeUnit.SECONDS);
        long limited = all.stream().filter(f -> f.result().statusCode() == 429).count();
        long unauthorized = all.stream().filter(f -> f.result().statusCode() == 401).count();
        // then all but the burst (and what refilled meanwhile) get 429 with Retry-After
        assertThat(limited + unauthorized).isEqualTo(2000);
        assertThat(limited).isGreaterThan(1900);
        HttpClientResponse one = all.stream().map(io.vertx.core.Future::result).filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(Long.parseLong(one.getHeader("Retry-After"))).isPositive();
        assertThat(one.getHeader("Content-Type")).isEqualTo("application/problem+json");
        // and the locked-out address is refused even with a valid key until the allowance comes back
        assertThat(call(vertx, port, HttpMethod.GET, "/things/1", VIEWER, null).statusCode()).isEqualTo(429);
    }

    /** Sends {@code n} requests at once and returns the answers (timing-independent: compare with the elapsed time). */
    private static List<HttpClientResponse> burst(Vertx vertx, int port, int n, String key) throws Exception {
        HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions(),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(n));
        List<io.vertx.core.Future<HttpClientResponse>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(client.request(HttpMethod.GET, port, "127.0.0.1", "/things/1").compose(req -> {
                if (key != null) {
                    req.putHeader("Authorization", "Bearer " + key);
                }
                return req.send();
            }));
        }
        io.vertx.core.Future.join(all).await(60, TimeUnit.SECONDS);
        return all.stream().map(io.vertx.core.Future::result).toList();
    }

    @Test
    void shouldRateLimitPerKey(Vertx vertx) throws Exception {
        // given 1 request per second per key after a burst of 3
        int port = start(vertx, Map.of("api.rate.limit.key.per.second", "1", "api.rate.limit.key.burst", "3"));
        long started = System.nanoTime();
        // when one key sends 30 at once
        List<HttpClientResponse> answers = burst(vertx, port, 30, VIEWER);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        // then only the burst (and what refilled meanwhile) passes, the rest gets 429 with Retry-After
        long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(ok).isBetween(3L, 3L + seconds + 1);
        HttpClientResponse limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isPositive();
        assertThat(answers.stream().filter(r -> r.statusCode() == 429).count()).isEqualTo(30 - ok);
        assertThat(registry.get("slamon.api.rate.limited").tag("limit", "key").counter().count()).isEqualTo(30 - ok);
        // and another key is not affected
        assertThat(call(vertx, port, HttpMethod.POST, "/things", PUBLISHER, "{}").statusCode()).isEqualTo(202);
    }

    @Test
    void shouldNameTheLimitButNoKeyInA429(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of("api.rate.limit.key.per.second", "1", "api.rate.limit.key.burst", "1"));
        burst(vertx, port, 5, VIEWER);
        Answer limited = call(vertx, port, HttpMethod.GET, "/things/1", VIEWER, null);
        if (limited.statusCode() == 429) {
            assertThat(limited.getHeader("Content-Type")).isEqualTo("application/problem+json");
            assertThat(json(limited).getString("detail")).contains("api.rate.limit.key.per.second").doesNotContain("ops-dashboard");
            assertThat(json(limited).getLong("retryAfterSeconds")).isPositive();
        }
        assertThat(limited.statusCode()).isIn(200, 429);
    }

    @Test
    void shouldRateLimitPerAddressBeforeAuthentication(Vertx vertx) throws Exception {
        // given 1 request per second per address after a burst of 2
        int port = start(vertx, Map.of("api.rate.limit.address.per.second", "1", "api.rate.limit.address.burst", "2"));
        long started = System.nanoTime();
        // when 30 requests without a key come at once
        List<HttpClientResponse> answers = burst(vertx, port, 30, null);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        // then the burst reaches authentication (401) and the rest is refused before it (429)
        long unauthorized = answers.stream().filter(r -> r.statusCode() == 401).count();
        assertThat(unauthorized).isBetween(2L, 2L + seconds + 1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 429).count()).isEqualTo(30 - unauthorized);
        assertThat(answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow().getHeader("Retry-After"))
                .isNotNull();
    }

    @Test
    void shouldAnswerRouterErrorsAsProblems(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of());
        Answer notFound = call(vertx, port, HttpMethod.GET, "/nowhere", VIEWER, null);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.getHeader("Content-Type")).isEqualTo("application/problem+json");
        Answer method = call(vertx, port, HttpMethod.DELETE, "/things/1", VIEWER, null);
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.getHeader("Content-Type")).isEqualTo("application/problem+json");
        Answer badQuery = call(vertx, port, HttpMethod.GET, "/search?q=%zz", VIEWER, null);
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(badQuery.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(badQuery).getJsonArray("violations")).isNotEmpty();
        Answer badPath = call(vertx, port, HttpMethod.GET, "/things/%zz", VIEWER, null);
        assertThat(badPath.statusCode()).isEqualTo(400);
        assertThat(badPath.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void shouldAnswerOversizedHeadersAndRequestLinesAsProblems(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of());
        Answer longLine = call(vertx, port, HttpMethod.GET, "/things/" + "a".repeat(5000), VIEWER, null);
        assertThat(longLine.statusCode()).isEqualTo(414);
        assertThat(longLine.getHeader("Content-Type")).isEqualTo("application/problem+json");
        HttpClient client = vertx.createHttpClient();
        HttpClientResponse bigHeader = client.request(new RequestOptions().setHost("127.0.0.1").setPort(port)
                        .setURI("/things/1").putHeader("X-Big", "b".repeat(9000)))
                .compose(req -> req.send()).await();
        assertThat(bigHeader.statusCode()).isEqualTo(431);
        assertThat(bigHeader.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void shouldLogEvery500WithTheCorrelationIdItsBodyCarries(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of());
        Logger logger = (Logger) LoggerFactory.getLogger(Problems.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Answer res = call(vertx, port, HttpMethod.GET, "/boom", null, null);
            assertThat(res.statusCode()).isEqualTo(500);
            JsonObject body = json(res);
            String id = body.getString("correlationId");
            assertThat(id).isNotBlank();
            assertThat(body.getString("instance")).isEqualTo("urn:uuid:" + id);
            assertThat(res.getHeader(Problems.CORRELATION_HEADER)).isEqualTo(id);
            ILoggingEvent line = appender.list.stream().filter(e -> e.getFormattedMessage().contains(id)).findFirst().orElseThrow();
            assertThat(line.getLevel().toString()).isEqualTo("ERROR");
            assertThat(line.getFormattedMessage()).contains("GET /boom");
            assertThat(line.getThrowableProxy().getMessage()).isEqualTo("the view is broken");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void shouldRefuseConnectionsOverTheLimit(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of("api.http.max.connections", "10002", "api.sse.max.clients", "10000"));
        assertThat(port).isPositive();
        // the limit itself is checked by validation: it must leave room beyond the stream clients
        AppConfig bad = AppConfig.load(Map.of()).with(Map.of("api.http.max.connections", "100", "api.sse.max.clients", "100"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerGuard.Settings.from(bad))
                .hasMessageContaining("api.http.max.connections");
        AppConfig idle = AppConfig.load(Map.of()).with(Map.of("api.http.idle.timeout", "10s", "api.sse.heartbeat", "15s"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerGuard.Settings.from(idle))
                .hasMessageContaining("api.http.idle.timeout");
    }

    @Test
    void shouldCloseConnectionsBeyondTheLimitOfOneAddress(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of("api.http.max.connections.per.address", "2"));
        try (Socket first = new Socket("127.0.0.1", port); Socket second = new Socket("127.0.0.1", port);
             Socket third = new Socket("127.0.0.1", port)) {
            third.setSoTimeout(5_000);
            assertThat(third.getInputStream().read()).isEqualTo(-1);
            // the two within the limit are served
            first.setSoTimeout(5_000);
            first.getOutputStream().write(("GET /things/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + VIEWER
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(first.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
        assertThat(registry.get("slamon.api.http.connections.closed").tag("reason", "max_connections_per_address").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void shouldCloseConnectionsBeyondMaxConnections(Vertx vertx) throws Exception {
        int port = start(vertx, Map.of("api.http.max.connections", "3", "api.sse.max.clients", "2"));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(new Socket("127.0.0.1", port));
        }
        try (Socket extra = new Socket("127.0.0.1", port)) {
            extra.setSoTimeout(5_000);
            InputStream in = extra.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
        for (Socket s : held) {
            s.close();
        }
        assertThat(registry.get("slamon.api.http.connections.closed").tag("reason", "max_connections").counter().count())
                .isEqualTo(1);
    }
}
