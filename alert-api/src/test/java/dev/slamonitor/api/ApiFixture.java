package dev.slamonitor.api;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.state.TicketSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A running alert API on a real broker with topic names unique to one test, one key per role, and a
 * producer to put snapshots and alerts on the topics the API reads. Close it to stop the API.
 */
public final class ApiFixture implements AutoCloseable {

    public static final String PUBLISHER = "publisher-key-0123456789";
    public static final String VIEWER = "viewer-key-0123456789";
    public static final String RESPONDER = "responder-key-0123456789";
    public static final String METRICS = "metrics-key-0123456789";

    public final AppConfig config;
    public final AlertApiApp app;
    public final KafkaProducer<String, byte[]> producer;
    private final String bootstrap;

    public ApiFixture(TestKafka kafka, Map<String, String> overrides) throws Exception {
        this(kafka, overrides, UUID.randomUUID().toString().substring(0, 8));
    }

    public ApiFixture(TestKafka kafka, Map<String, String> overrides, String run) throws Exception {
        this.bootstrap = kafka.bootstrapServers();
        this.config = AppConfig.load(Map.of()).with(settings(kafka.bootstrapServers(), run, overrides));
        this.app = AlertApiApp.start(config);
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                new ByteArraySerializer());
        if (!app.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("API not ready");
        }
    }

    /** Settings of one test run: unique topics and group, free port, the four role keys. */
    public static Map<String, String> settings(String bootstrap, String run, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "api.http.port", "0",
                "api.http.host", "127.0.0.1",
                "api.webhooks.group.id", "webhooks-" + run,
                "api.auth.keys", String.join(",",
                        ApiKeys.entry("ingest", PUBLISHER, Role.PUBLISHER),
                        ApiKeys.entry("ops", VIEWER, Role.VIEWER),
                        ApiKeys.entry("oncall", RESPONDER, Role.RESPONDER),
                        ApiKeys.entry("prometheus", METRICS, Role.METRICS))));
        for (String t : List.of("events", "policies", "acks", "alerts", "state")) {
            settings.put("topic." + t, t + "-" + run);
        }
        settings.put("topic.dead.letters", "dlq-" + run);
        settings.put("topic.refund.approvals", "approvals-" + run);
        settings.put("topic.refund.leakage", "leakage-" + run);
        settings.putAll(overrides);
        return settings;
    }

    public String topic(String key) {
        return config.string(key);
    }

    public int port() {
        return app.port();
    }

    public void snapshot(TicketSnapshot s) throws Exception {
        send("topic.state", s.ticketId(), Json.mapper().writeValueAsBytes(s));
    }

    public void alert(Alert a) throws Exception {
        send("topic.alerts", a.partitionKey(), Json.mapper().writeValueAsBytes(a));
    }

    public void send(String topicKey, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic(topicKey), key, value)).get();
    }

    public TopicReader<String, byte[]> reader(String topicKey) {
        return new TopicReader<>(bootstrap, topic(topicKey), new StringDeserializer(), new ByteArrayDeserializer());
    }

    public HttpRequest<Buffer> get(WebClient client, String path, String key) {
        return auth(client.get(port(), "127.0.0.1", path), key);
    }

    public HttpRequest<Buffer> post(WebClient client, String path, String key) {
        return auth(client.post(port(), "127.0.0.1", path), key).putHeader("Content-Type", "application/json");
    }

    public static HttpRequest<Buffer> auth(HttpRequest<Buffer> request, String key) {
        return key == null ? request : request.putHeader("Authorization", "Bearer " + key);
    }

    public static WebClient client(Vertx vertx) {
        return WebClient.create(vertx);
    }

    @Override
    public void close() {
        producer.close();
        app.close();
    }
}
