package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Webhook delivery on a real broker against real HTTP receivers that fail, recover or stay down. */
@ExtendWith({KafkaExtension.class, VertxExtension.class})
class WebhookIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A test receiver answering {@code failFirst} requests with 503, then 200; records what it accepted. */
    static final class Receiver {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer server;

        Receiver(Vertx vertx, int failFirst) {
            server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                if (requests.incrementAndGet() <= failFirst) {
                    req.response().setStatusCode(503).end();
                    return;
                }
                accepted.add(req.getHeader("X-Slamon-Alert-Id"));
                bodies.add(body.toString());
                req.response().setStatusCode(200).end("ok");
            })).listen(0, "127.0.0.1").await();
        }

        String url() {
            return "http://127.0.0.1:" + server.actualPort() + "/hook";
        }
    }

    private static Path receiversFile(JsonObject... receivers) throws Exception {
        Path file = Files.createTempFile("webhooks-", ".json");
        Files.writeString(file, new JsonObject().put("receivers", new JsonArray(List.of((Object[]) receivers))).encode());
        return file;
    }

    private static Map<String, String> settings(Path file) {
        return Map.of("api.webhooks.file", file.toString(), "api.webhooks.retry.initial", "100ms",
                "api.webhooks.retry.max", "400ms", "api.webhooks.give.up.after", "3s");
    }

    @Test
    void shouldDeliverEachAlertExactlyOnceToAReceiverThatFailsThenRecovers(TestKafka kafka, Vertx vertx) throws Exception {
        // given a receiver that fails its first 4 requests, and a Slack receiver for breaches only
        Receiver flaky = new Receiver(vertx, 4);
        Receiver slack = new Receiver(vertx, 0);
        Path file = receiversFile(
                new JsonObject().put("name", "flaky").put("url", flaky.url()).put("format", "json"),
                new JsonObject().put("name", "slack").put("url", slack.url()).put("format", "slack")
                        .put("types", new JsonArray().add("BREACH")));
        try (ApiFixture api = new ApiFixture(kafka, settings(file))) {
            Alert a = ApiTestData.alert(AlertType.BREACH, "T-w1", "critical", "L2", "billing");
            Alert b = ApiTestData.alert(AlertType.WARNING, "T-w2", "high", "L1", "payments");
            Alert c = ApiTestData.alert(AlertType.ESCALATION, "T-w3", "high", "L2", "payments");
            // when three alerts are published, the first one twice (as a re-processed alert would be)
            api.alert(a);
            api.alert(b);
            api.alert(a);
            api.alert(c);
            // then the flaky receiver, once recovered, got each alert exactly once
            awaitTrue(() -> flaky.accepted.size() >= 3);
            Thread.sleep(1500);
            assertThat(flaky.accepted).containsExactlyInAnyOrder(a.alertId(), b.alertId(), c.alertId());
            assertThat(flaky.requests.get()).isGreaterThanOrEqualTo(7);
            // and the Slack receiver got only the breach, as readable text
            assertThat(slack.accepted).containsExactly(a.alertId());
            JsonObject message = new JsonObject(slack.bodies.get(0));
            assertThat(message.getString("text")).contains("*BREACH*", "T-w1", "critical", "billing");
            // and every offset was committed
            awaitTrue(() -> committed(kafka, api) == 4);
            String metrics = api.app.registry().scrape();
            assertThat(metrics).containsPattern("slamon_webhook_deliveries_total\\{[^}]*outcome=\"delivered\",receiver=\"flaky\"[^}]*} 3\\.0");
            assertThat(metrics).containsPattern("slamon_webhook_deliveries_total\\{[^}]*outcome=\"deduplicated\",receiver=\"flaky\"[^}]*} 1\\.0");
            assertThat(metrics).contains("slamon_webhook_delivery_latency_seconds_count");
        }
    }

    @Test
    void shouldNotLetADeadReceiverBlockAnotherAndDeadLetterWhatItNeverTook(TestKafka kafka, Vertx vertx) throws Exception {
        // given a receiver that is down for good and a healthy one
        Receiver dead = new Receiver(vertx, Integer.MAX_VALUE);
        Receiver healthy = new Receiver(vertx, 0);
        Path file = receiversFile(
                new JsonObject().put("name", "dead").put("url", dead.url()),
                new JsonObject().put("name", "healthy").put("url", healthy.url()));
        try (ApiFixture api = new ApiFixture(kafka, settings(file))) {
            Alert a = ApiTestData.alert(AlertType.BREACH, "T-d1", "critical", "L1", "payments");
            Alert b = ApiTestData.alert(AlertType.BREACH, "T-d2", "critical", "L1", "payments");
            // when
            api.alert(a);
            api.alert(b);
            // then the healthy receiver gets both at once, long before the dead one is given up
            awaitTrue(() -> healthy.accepted.size() == 2);
            assertThat(dead.accepted).isEmpty();
            // and the dead receiver's alerts are dead-lettered, after which every offset is committed
            try (TopicReader<String, byte[]> reader = api.reader("topic.dead.letters")) {
                List<ConsumerRecord<String, byte[]>> letters = reader.readMatching(r -> true, 2, WAIT);
                assertThat(letters).hasSize(2);
                assertThat(letters).allSatisfy(r -> assertThat(DeadLetter.fromHeaders(r.headers()).orElseThrow().reason())
                        .isEqualTo(DeadLetterReason.WEBHOOK_UNDELIVERABLE));
            }
            awaitTrue(() -> committed(kafka, api) == 2);
        }
    }

    private static long committed(TestKafka kafka, ApiFixture api) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                    api.config.string("api.webhooks.group.id")).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void awaitTrue(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.get()).as("condition within " + WAIT).isTrue();
    }
}
