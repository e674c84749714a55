package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.api.webhook.WebhookSignature;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.processor.StreamProcessorApp;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.topic.KafkaClientConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts reaching on-call tools, end to end on a real broker: HTTP ingest -> stream processor
 * (policy e2e-fast: 2 s first response, 3 s re-notification) -> alerts topic -> the API's webhook
 * sender -> a real Alertmanager (Debian's {@code prometheus-alertmanager}, started on a free loopback
 * port, gossip off; its webhook notifications land on a loopback receiver) and loopback receivers that
 * answer like PagerDuty (429 with Retry-After first), Opsgenie and Teams (400: a permanent refusal).
 * Then the way back: a signed PagerDuty V3 webhook acknowledges the alert and its re-notify chain stops.
 * Skipped, saying why, only when the Alertmanager binary is missing.
 */
@ExtendWith({KafkaExtension.class, VertxExtension.class})
class OnCallIT {

    private static final Logger LOG = LoggerFactory.getLogger(OnCallIT.class);
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private static final String PD_SECRET = "pagerduty-signing-secret-0123";
    private static final String JSON_SECRET = "json-signing-secret-0123456";

    /** One request a loopback tool received. */
    record Received(String path, Map<String, String> headers, String body, Instant at) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    /** A loopback HTTP server answering per path like the tool it stands for, recording every request. */
    static final class Tools {
        final List<Received> requests = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        final HttpServer server;

        Tools(Vertx vertx) {
            server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                Map<String, String> headers = new HashMap<>();
                req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
                String path = req.path();
                requests.add(new Received(path, headers, body.toString(StandardCharsets.UTF_8), Instant.now()));
                int n = counts.computeIfAbsent(path.startsWith("/og") ? "/og" : path, k -> new AtomicInteger()).incrementAndGet();
                if (path.equals("/pd") && n == 1) {
                    req.response().setStatusCode(429).putHeader("Retry-After", "1").end("{\"status\":\"throttled\"}");
                } else if (path.equals("/teams")) {
                    req.response().setStatusCode(400).end("{\"error\":\"Bad payload: card rejected\"}");
                } else {
                    req.response().setStatusCode(path.equals("/am") ? 200 : 202).end("{\"status\":\"success\"}");
                }
            })).listen(0, "127.0.0.1").await();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.actualPort() + path;
        }

        List<Received> at(String pathPrefix, Predicate<Received> filter) {
            return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).filter(filter).toList();
        }
    }

    private Process alertmanager;
    private int alertmanagerPort;
    private StreamProcessorApp processor;
    private ApiFixture api;
    private WebClient client;
    private Tools tools;

    @BeforeEach
    void start(TestKafka kafka, Vertx vertx) throws Exception {
        Path bin = alertmanagerBinary();
        Assumptions.assumeTrue(bin != null, "Alertmanager binary not found (set SLAMON_ALERTMANAGER_BIN or"
                + " apt-get install prometheus-alertmanager); OnCallIT needs a real one");
        tools = new Tools(vertx);
        alertmanagerPort = freePort();
        alertmanager = startAlertmanager(bin, alertmanagerPort, tools.url("/am"));
        Path receivers = Files.createTempFile("oncall-receivers-", ".json");
        JsonArray list = new JsonArray()
                .add(new JsonObject().put("name", "am").put("format", "alertmanager")
                        .put("url", "http://127.0.0.1:" + alertmanagerPort).put("types", new JsonArray().add("BREACH"))
                        .put("resendInterval", "2s"))
                .add(new JsonObject().put("name", "pagerduty").put("format", "pagerduty").put("url", tools.url("/pd"))
                        .put("routingKey", ROUTING_KEY).put("types", new JsonArray().add("BREACH")))
                .add(new JsonObject().put("name", "opsgenie").put("format", "opsgenie").put("url", tools.url("/og"))
                        .put("apiKey", "genie").put("types", new JsonArray().add("BREACH")))
                .add(new JsonObject().put("name", "teams").put("format", "teams").put("url", tools.url("/teams"))
                        .put("types", new JsonArray().add("BREACH")).put("states", new JsonArray().add("TRIGGERED")))
                .add(new JsonObject().put("name", "signed").put("format", "json").put("url", tools.url("/json"))
                        .put("secret", JSON_SECRET));
        Files.writeString(receivers, new JsonObject().put("receivers", list).encode());
        String run = UUID.randomUUID().toString().substring(0, 8);
        api = new ApiFixture(kafka, Map.of("api.webhooks.file", receivers.toString(),
                "api.webhooks.retry.initial", "100ms", "api.webhooks.retry.max", "500ms",
                "api.integrations.pagerduty.secret", PD_SECRET), run);
        processor = StreamProcessorApp.start(api.config.with(Map.of(
                "streams.application.id", "oncall-" + run,
                "streams.state.dir", Files.createTempDirectory("oncall-streams-").toString(),
                "processor.http.port", "0")));
        try (InputStream policy = OnCallIT.class.getResourceAsStream("/policies/e2e-fast-policy.json")) {
            SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(api.config), api.topic("topic.policies"), policy.readAllBytes());
        }
        client = ApiFixture.client(vertx);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (processor != null) {
            processor.close();
        }
        if (api != null) {
            api.close();
        }
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void shouldShowABreachInAlertmanagerOnceGroupedThenResolvedWhenTheTicketIsAnswered() throws Exception {
        // when a critical ticket nobody answers breaches its 2 s first response
        event("E2E-am", "TICKET_OPENED");
        awaitTrue(() -> !notifications("E2E-am", "firing").isEmpty());
        String key = notifications("E2E-am", "firing").get(0).getJsonObject("labels").getString("alert_key");
        // and then the agent replies
        event("E2E-am", "AGENT_REPLIED");

        // then Alertmanager notifies the resolved breach, having notified it firing exactly once
        awaitTrue(() -> !notifications("E2E-am", "resolved").isEmpty());
        Thread.sleep(2500); // past a group_interval and a lease refresh: no second firing notification
        List<JsonObject> firing = notifications("E2E-am", "firing");
        assertThat(firing).hasSize(1);
        JsonObject labels = firing.get(0).getJsonObject("labels");
        assertThat(labels.getString("alertname")).isEqualTo("SlaBreach");
        assertThat(labels.getString("severity")).isEqualTo("critical");
        assertThat(labels.getString("clock")).isEqualTo("first_response");
        assertThat(labels.getString("policy")).isEqualTo("e2e-fast");
        assertThat(labels.getString("team")).isEqualTo("payments");
        assertThat(firing.get(0).getJsonObject("annotations").getString("summary")).contains("BREACH first_response on E2E-am");
        assertThat(firing.get(0).getString("generatorURL")).endsWith("/api/v1/tickets/E2E-am");
        assertThat(notifications("E2E-am", "resolved").get(0).getJsonObject("labels").getString("alert_key")).isEqualTo(key);

        // and the PagerDuty-like receiver got trigger (after honouring 429 + Retry-After: 1) then resolve, one dedup_key
        awaitTrue(() -> pagerDuty(key).stream().anyMatch(e -> e.getString("event_action").equals("resolve")));
        List<Received> pd = tools.at("/pd", r -> r.json().getString("dedup_key").equals(key));
        assertThat(pd.get(0).json().getString("event_action")).isEqualTo("trigger");
        assertThat(tools.at("/pd", r -> true).get(0).path()).isEqualTo("/pd");
        Received firstAccepted = tools.at("/pd", r -> true).get(1);
        assertThat(Duration.between(tools.at("/pd", r -> true).get(0).at(), firstAccepted.at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(pagerDuty(key)).extracting(e -> e.getString("dedup_key")).containsOnly(key);
        assertThat(pagerDuty(key)).extracting(e -> e.getString("event_action")).contains("trigger", "resolve");

        // and the Opsgenie-like receiver: create then close by alias
        awaitTrue(() -> !tools.at("/og/v2/alerts/" + key + "/close", r -> true).isEmpty());
        assertThat(tools.at("/og/v2/alerts", r -> r.path().equals("/og/v2/alerts")
                && r.json().getString("alias").equals(key))).isNotEmpty();
        assertThat(tools.at("/og", r -> true)).allSatisfy(r -> assertThat(r.headers()).containsEntry("authorization", "GenieKey genie"));

        // and the Teams-like receiver that answers 400 was asked once per alert, never again: dead-lettered with the reason
        List<Received> teams = tools.at("/teams", r -> true);
        assertThat(teams).hasSize(1);
        try (TopicReader<String, byte[]> reader = api.reader("topic.dead.letters")) {
            List<ConsumerRecord<String, byte[]>> letters = reader.readMatching(r -> true, 1, WAIT);
            DeadLetter letter = DeadLetter.fromHeaders(letters.get(0).headers()).orElseThrow();
            assertThat(letter.reason()).isEqualTo(DeadLetterReason.WEBHOOK_UNDELIVERABLE);
            assertThat(letter.detail()).contains("teams", "permanent refusal", "HTTP 400", "card rejected");
        }
        String metrics = api.app.registry().scrape();
        assertThat(metrics).containsPattern("slamon_webhook_undeliverable_total\\{[^}]*cause=\"rejected\",receiver=\"teams\"[^}]*} 1\\.0");

        // and every signed JSON delivery verifies; delivery latency from firedAt to the receiver
        List<Received> signed = tools.at("/json", r -> true);
        assertThat(signed).isNotEmpty().allSatisfy(r -> assertThat(WebhookSignature.verify(JSON_SECRET,
                r.headers().get("x-slamon-timestamp"), r.body().getBytes(StandardCharsets.UTF_8),
                r.headers().get("x-slamon-signature"), Instant.now(), Duration.ofMinutes(5))).isTrue());
        logLatency(signed);
    }

    @Test
    void shouldStopReNotifyingWhenPagerDutySendsASignedAcknowledgement() throws Exception {
        // given a breached ticket whose breach went to PagerDuty
        event("E2E-pd", "TICKET_OPENED");
        awaitTrue(() -> tools.at("/json", r -> isNotice(r, "E2E-pd", "BREACH")).size() == 1);
        String key = tools.at("/json", r -> isNotice(r, "E2E-pd", "BREACH")).get(0).json().getString("alertKey");
        JsonObject webhook = new JsonObject().put("event", new JsonObject()
                .put("id", UUID.randomUUID().toString()).put("event_type", "incident.acknowledged")
                .put("resource_type", "incident").put("occurred_at", Instant.now().toString())
                .put("agent", new JsonObject().put("summary", "Maria Oncall").put("type", "user_reference"))
                .put("data", new JsonObject().put("id", "PGR0VU2").put("type", "incident").put("status", "acknowledged")
                        .put("incident_key", key).put("html_url", "https://acme.pagerduty.com/incidents/PGR0VU2")));
        byte[] body = webhook.encode().getBytes(StandardCharsets.UTF_8);

        // when PagerDuty's webhook arrives with a wrong signature, then without one
        HttpResponse<Buffer> forged = inbound(body, "v1=" + "0".repeat(64));
        HttpResponse<Buffer> unsigned = inbound(body, null);

        // then both are refused as problem+json and nothing changes
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(alert(key).getString("state")).isEqualTo("open");

        // when the signed webhook arrives
        HttpResponse<Buffer> signed = inbound(body, "v1=" + "f".repeat(64) + "," + WebhookSignature.pagerDuty(PD_SECRET, body));
        assertThat(signed.statusCode()).isEqualTo(202);
        assertThat(signed.bodyAsJsonObject().getString("by")).isEqualTo("pagerduty");

        // then the alert is acknowledged by the integration's principal and its re-notify chain stops
        awaitTrue(() -> "acknowledged".equals(alert(key).getString("state")));
        assertThat(alert(key).getString("acknowledgedBy")).isEqualTo("pagerduty");
        int renotified = renotifications("E2E-pd");
        Thread.sleep(7000); // two re-notify intervals of e2e-fast
        assertThat(renotifications("E2E-pd")).isEqualTo(renotified);
        // and the acknowledgement went back to PagerDuty under the same dedup_key
        awaitTrue(() -> pagerDuty(key).stream().anyMatch(e -> e.getString("event_action").equals("acknowledge")));
        JsonArray history = alert(key).getJsonArray("history");
        assertThat(history.stream().map(h -> ((JsonObject) h).getString("event"))).startsWith("triggered").contains("acknowledged");
    }

    @Test
    void shouldDeliverTheAlertsOfABurstOfTicketsPromptly() throws Exception {
        // given 100 critical tickets opened at once (each warns at 1.5 s, breaches at 2 s, re-notifies at 5 s and 8 s)
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 100; i++) {
            batch.add(IngestIT.opened(UUID.randomUUID().toString(), "E2E-burst-" + i).put("severity", "critical")
                    .put("occurredAt", Instant.now().toString()));
        }
        HttpResponse<Buffer> accepted = api.post(client, "/api/v1/events/batch", ApiFixture.PUBLISHER)
                .sendBuffer(batch.toBuffer()).await();
        assertThat(accepted.statusCode()).isEqualTo(202);

        // when their breaches fire, then every one reaches the signed JSON receiver, and we measure how fast
        awaitTrue(() -> tools.at("/json", r -> r.json().getString("ticketId", "").startsWith("E2E-burst-")
                && "BREACH".equals(r.json().getString("type"))).size() == 100);
        logLatency(tools.at("/json", r -> r.json().getString("ticketId", "").startsWith("E2E-burst-")));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void event(String ticketId, String type) {
        JsonObject e = IngestIT.opened(UUID.randomUUID().toString(), ticketId).put("occurredAt", Instant.now().toString());
        if (type.equals("TICKET_OPENED")) {
            e.put("severity", "critical");
        } else {
            e = new JsonObject().put("schemaVersion", 1).put("eventId", UUID.randomUUID().toString()).put("ticketId", ticketId)
                    .put("type", type).put("occurredAt", Instant.now().toString());
        }
        HttpResponse<Buffer> response = api.post(client, "/api/v1/events", ApiFixture.PUBLISHER).sendBuffer(e.toBuffer()).await();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    }

    private HttpResponse<Buffer> inbound(byte[] body, String signature) {
        var request = client.post(api.port(), "127.0.0.1", "/api/v1/integrations/pagerduty")
                .putHeader("Content-Type", "application/json");
        if (signature != null) {
            request.putHeader("X-PagerDuty-Signature", signature);
        }
        return request.sendBuffer(Buffer.buffer(body)).await();
    }

    private JsonObject alert(String key) {
        HttpResponse<Buffer> r = api.get(client, "/api/v1/alerts/" + key, ApiFixture.VIEWER).send().await();
        return r.statusCode() == 200 ? r.bodyAsJsonObject() : new JsonObject().put("state", "missing");
    }

    private int renotifications(String ticketId) {
        return tools.at("/json", r -> isNotice(r, ticketId, "RENOTIFY")).size();
    }

    private static boolean isNotice(Received r, String ticketId, String type) {
        JsonObject a = r.json();
        return ticketId.equals(a.getString("ticketId")) && type.equals(a.getString("type"))
                && "TRIGGERED".equals(a.getString("state", "TRIGGERED"));
    }

    private List<JsonObject> pagerDuty(String key) {
        return tools.at("/pd", r -> true).stream().skip(1).map(Received::json)
                .filter(e -> key.equals(e.getString("dedup_key"))).toList();
    }

    /** The alerts of the Alertmanager webhook notifications for a ticket, by status. */
    private List<JsonObject> notifications(String ticketId, String status) {
        List<JsonObject> out = new ArrayList<>();
        for (Received r : tools.at("/am", x -> true)) {
            JsonObject n = r.json();
            if (!status.equals(n.getString("status"))) {
                continue;
            }
            for (Object o : n.getJsonArray("alerts")) {
                JsonObject a = (JsonObject) o;
                if (ticketId.equals(a.getJsonObject("labels").getString("ticket")) && status.equals(a.getString("status"))) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** firedAt (the processor's wall clock when the alert fired) to the receiver's clock, p50 / p99 / max, to target/. */
    private void logLatency(List<Received> deliveries) throws IOException {
        List<Long> millis = new ArrayList<>();
        for (Received r : deliveries) {
            Instant fired = Instant.parse(r.json().getString("firedAt"));
            millis.add(Duration.between(fired, r.at()).toMillis());
        }
        millis.sort(Long::compare);
        long p50 = millis.get((int) Math.floor((millis.size() - 1) * 0.5));
        long p99 = millis.get((int) Math.floor((millis.size() - 1) * 0.99));
        String line = "json receiver: " + millis.size() + " deliveries, firedAt -> received p50 " + p50 + " ms, p99 " + p99
                + " ms, max " + millis.get(millis.size() - 1) + " ms";
        LOG.info("Delivery latency {}", line);
        Files.writeString(Path.of("target", "oncall-delivery-latency.txt"), Instant.now() + " " + line + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static Path alertmanagerBinary() {
        String configured = System.getenv("SLAMON_ALERTMANAGER_BIN");
        for (String candidate : new String[] {configured, "/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager",
                "/usr/bin/alertmanager"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private static Process startAlertmanager(Path bin, int port, String webhookUrl) throws Exception {
        Path dir = Files.createTempDirectory("alertmanager-");
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  resolve_timeout: 1m",
                "route:",
                "  receiver: hook",
                "  group_by: [alertname, ticket]",
                "  group_wait: 1s",
                "  group_interval: 1s",
                "  repeat_interval: 1h",
                "receivers:",
                "  - name: hook",
                "    webhook_configs:",
                "      - url: " + webhookUrl,
                "        send_resolved: true",
                ""));
        Process p = new ProcessBuilder(bin.toString(), "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        p.destroy();
        throw new IllegalStateException("Alertmanager did not become ready; see " + dir.resolve("alertmanager.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.get()).as("condition within " + WAIT).isTrue();
    }
}
