package dev.slamonitor.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.api.ApiTestData;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class AlertGroupConsumerIT {

    private static final WebhookReceiver EVERYTHING = new WebhookReceiver("all", "http://x", WebhookReceiver.Format.JSON,
            Set.of(), Set.of(), Set.of(), Set.of(), Map.of());

    @Test
    void givenTheConsumerFailsOnAnAlert_whenItRestarts_thenThatAlertAndLaterOnesAreStillRouted(TestKafka kafka) throws Exception {
        String topic = "alerts-restart-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Alert first = ApiTestData.alert(AlertType.BREACH, "T-r1", "critical", "L2", "billing");
        Alert second = ApiTestData.alert(AlertType.WARNING, "T-r2", "high", "L1", "payments");
        AtomicInteger calls = new AtomicInteger();
        List<String> routed = new CopyOnWriteArrayList<>();
        OffsetTracker tracker = new OffsetTracker();
        // given a sink that fails the first time it is handed alerts (like a bug or a closing event loop)
        try (AlertGroupConsumer consumer = new AlertGroupConsumer(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                "webhooks-restart", topic, List.of(EVERYTHING), tracker, 1_000, Clock.systemUTC(), deliveries -> {
                    if (calls.getAndIncrement() == 0) {
                        throw new IllegalStateException("sink failed on purpose");
                    }
                    deliveries.values().forEach(list -> list.forEach(d -> {
                        routed.add(d.alert().alertId());
                        tracker.done(d.source(), d.offset());
                    }));
                }, Duration.ofMillis(100))) {
            consumer.start();
            publish(kafka, topic, first);
            // when the consumer has failed once and a later alert is published
            awaitTrue(() -> calls.get() >= 1);
            publish(kafka, topic, second);
            // then a new consumer resumed from the committed offset: both alerts were routed
            awaitTrue(() -> routed.contains(first.alertId()) && routed.contains(second.alertId()));
        }
        assertThat(routed).containsExactly(first.alertId(), second.alertId());
    }

    private static void publish(TestKafka kafka, String topic, Alert alert) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, alert.ticketId(), Json.mapper().writeValueAsBytes(alert))).get();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 60 s").isLessThan(until);
            Thread.sleep(50);
        }
    }
}
