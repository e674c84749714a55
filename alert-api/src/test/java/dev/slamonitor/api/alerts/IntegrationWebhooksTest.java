package dev.slamonitor.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.api.ApiTestData;
import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.web.BearerAuth;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.api.kafka.KafkaPublisher;
import dev.slamonitor.api.tickets.TicketView;
import dev.slamonitor.api.webhook.WebhookSignature;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inbound on-call webhooks over HTTP against a mock producer: only a verified PagerDuty signature
 * or the Opsgenie token publishes an ack, recording the integration's principal; everything else
 * changes nothing.
 */
@ExtendWith(VertxExtension.class)
class IntegrationWebhooksTest {

    private static final String SECRET = "pd-signing-secret-0123456789";
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final AlertBook book = new AlertBook(100);
    private final Alert breach = ApiTestData.alert(AlertType.BREACH, "T-1", "critical", "L1", "payments");
    private WebClient client;
    private int port;

    @BeforeEach
    void start(Vertx vertx) {
        AppConfig config = AppConfig.load(Map.of()).with(Map.of("api.integrations.pagerduty.secret", SECRET,
                "api.integrations.opsgenie.token", "og-token-0123", "api.auth.keys",
                ApiKeys.entry("ops", "viewer-key-0123456789", Role.VIEWER)));
        book.apply(breach);
        AckRoute acks = new AckRoute(new TicketView(100), new KafkaPublisher(producer), "alert-acks", Clock.systemUTC());
        Router router = Router.router(vertx);
        Guards guards = new Guards(new BearerAuth(ApiKeys.from(config), dev.slamonitor.api.web.RequestLimits.of(config)),
                BodyHandler.create(false));
        new AlertBookRoutes(book).mount(router, guards);
        new InboundAcks(InboundAcks.Settings.from(config), book, new TicketView(100), acks, new SimpleMeterRegistry()).mount(router, guards);
        port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
        client = WebClient.create(vertx);
    }

    private HttpResponse<Buffer> post(String path, byte[] body, Map<String, String> headers) {
        var request = client.post(port, "127.0.0.1", path).putHeader("Content-Type", "application/json");
        headers.forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer(body)).await();
    }

    private static byte[] pagerDuty(String type, String incidentKey) {
        return new JsonObject().put("event", new JsonObject().put("event_type", type)
                .put("agent", new JsonObject().put("summary", "Maria"))
                .put("data", new JsonObject().put("id", "P1").put("incident_key", incidentKey)))
                .encode().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldAcknowledgeOnlyWithAValidPagerDutySignature() throws Exception {
        byte[] body = pagerDuty("incident.acknowledged", breach.alertKey());

        HttpResponse<Buffer> missing = post("/api/v1/integrations/pagerduty", body, Map.of());
        HttpResponse<Buffer> forged = post("/api/v1/integrations/pagerduty", body,
                Map.of("X-PagerDuty-Signature", WebhookSignature.pagerDuty("another-secret", body)));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat(producer.history()).isEmpty();

        HttpResponse<Buffer> signed = post("/api/v1/integrations/pagerduty", body,
                Map.of("X-PagerDuty-Signature", WebhookSignature.pagerDuty(SECRET, body)));
        assertThat(signed.statusCode()).isEqualTo(202);
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("alert-acks");
            assertThat(r.key()).isEqualTo("T-1");
            AlertAck ack = read(r.value());
            assertThat(ack.alertId()).isEqualTo(breach.alertId());
            assertThat(ack.by()).isEqualTo("pagerduty");
            assertThat(ack.note()).contains("incident.acknowledged", "Maria");
        });
    }

    @Test
    void shouldIgnoreOtherPagerDutyEventsAndUnknownIncidentsWithoutPublishing() {
        byte[] triggered = pagerDuty("incident.triggered", breach.alertKey());
        byte[] unknown = pagerDuty("incident.resolved", "not-ours");

        HttpResponse<Buffer> a = post("/api/v1/integrations/pagerduty", triggered,
                Map.of("X-PagerDuty-Signature", WebhookSignature.pagerDuty(SECRET, triggered)));
        HttpResponse<Buffer> b = post("/api/v1/integrations/pagerduty", unknown,
                Map.of("X-PagerDuty-Signature", WebhookSignature.pagerDuty(SECRET, unknown)));

        assertThat(a.statusCode()).isEqualTo(202);
        assertThat(a.bodyAsJsonObject().getString("ignored")).contains("incident.triggered");
        assertThat(b.statusCode()).isEqualTo(202);
        assertThat(b.bodyAsJsonObject().getString("ignored")).contains("not-ours");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldAcknowledgeFromOpsgenieOnlyWithTheToken() throws Exception {
        byte[] body = new JsonObject().put("action", "Acknowledge").put("alert", new JsonObject()
                .put("alias", breach.alertKey()).put("username", "ana@example.com")).encode().getBytes(StandardCharsets.UTF_8);

        HttpResponse<Buffer> noToken = post("/api/v1/integrations/opsgenie", body, Map.of());
        HttpResponse<Buffer> wrong = post("/api/v1/integrations/opsgenie", body, Map.of("X-Slamon-Token", "nope"));
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(producer.history()).isEmpty();

        HttpResponse<Buffer> ok = post("/api/v1/integrations/opsgenie", body, Map.of("X-Slamon-Token", "og-token-0123"));
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(producer.history()).singleElement().satisfies(r -> {
            AlertAck ack = read(r.value());
            assertThat(ack.by()).isEqualTo("opsgenie");
            assertThat(ack.note()).contains("Acknowledge", "ana@example.com");
        });
    }

    @Test
    void shouldListAndShowAlertKeysForViewersOnly() {
        HttpResponse<Buffer> anonymous = client.get(port, "127.0.0.1", "/api/v1/alerts").send().await();
        HttpResponse<Buffer> list = client.get(port, "127.0.0.1", "/api/v1/alerts?state=open&severity=critical")
                .putHeader("Authorization", "Bearer viewer-key-0123456789").send().await();
        HttpResponse<Buffer> bad = client.get(port, "127.0.0.1", "/api/v1/alerts?state=closed")
                .putHeader("Authorization", "Bearer viewer-key-0123456789").send().await();
        HttpResponse<Buffer> one = client.get(port, "127.0.0.1", "/api/v1/alerts/" + breach.alertKey())
                .putHeader("Authorization", "Bearer viewer-key-0123456789").send().await();

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.bodyAsString()).contains("state");
        assertThat(one.bodyAsJsonObject().getJsonArray("history")).hasSize(1);
        assertThat(one.bodyAsJsonObject().getString("state")).isEqualTo("open");
    }

    private static AlertAck read(byte[] bytes) {
        try {
            return Json.mapper().readValue(bytes, AlertAck.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
