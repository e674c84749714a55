package dev.slamonitor.processor.knowledge;

import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SopUpdate;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.processor.ProcessorFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KnowledgeLoopIT {

    @Test
    void shouldEmitExactlyOneDriftAlertAndOneItemForARepeatedRootCauseOnARealBroker(TestKafka kafka) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> topics = Map.of(
                "topic.root.cause.taxonomy", "taxonomy-" + run,
                "topic.root.cause.taxonomy.active", "taxonomy-active-" + run,
                "topic.root.cause.stats", "stats-" + run,
                "topic.remediation.items", "items-" + run,
                "topic.remediation.events", "remediation-" + run);
        Instant t0 = Instant.now().minusSeconds(600);
        try (ProcessorFixture fx = new ProcessorFixture(kafka, topics)) {
            // given the processor seeded the built-in taxonomy (payment-gateway-timeout drifts at 3 in 7d)
            try (TopicReader<String, byte[]> taxonomy = new TopicReader<>(kafka.bootstrapServers(),
                    fx.topic("topic.root.cause.taxonomy"), new StringDeserializer(), new ByteArrayDeserializer())) {
                assertThat(taxonomy.readUntil(l -> !l.isEmpty(), Duration.ofSeconds(30)))
                        .singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("root-cause-taxonomy"));
            }
            // when five tickets are resolved with that root cause
            for (int i = 1; i <= 5; i++) {
                String id = "IT-" + run + "-" + i;
                fx.send(opened(id, Severity.HIGH, t0.plusSeconds(i)));
                fx.send(KnowledgeFixture.resolved(id, "payment-gateway-timeout", t0.plusSeconds(60L + i))
                        .sopUpdate(new SopUpdate("v2")).build());
            }

            // then exactly one DRIFT alert, keyed by the tag, reaches the alerts topic
            try (TopicReader<String, Alert> alerts = new TopicReader<>(kafka.bootstrapServers(), fx.topic("topic.alerts"),
                    new StringDeserializer(), JsonSerde.of(Alert.class).deserializer())) {
                List<ConsumerRecord<String, Alert>> drift = alerts.readMatching(
                        r -> r.value().type() == AlertType.DRIFT && r.value().notifies(), 1, Duration.ofSeconds(60));
                assertThat(drift).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("payment-gateway-timeout");
                    assertThat(r.value().owner()).isEqualTo("payments-platform");
                    assertThat(r.value().details()).containsEntry("count", 3);
                });
                // drain returns everything seen: still one DRIFT after a quiet period
                assertThat(alerts.drain(Duration.ofSeconds(3))).filteredOn(r -> r.value().type() == AlertType.DRIFT && r.value().notifies()).hasSize(1);
            }
            // and exactly one open remediation item
            try (TopicReader<String, RemediationItem> items = new TopicReader<>(kafka.bootstrapServers(),
                    fx.topic("topic.remediation.items"), new StringDeserializer(),
                    JsonSerde.of(RemediationItem.class).deserializer())) {
                assertThat(items.readUntil(l -> !l.isEmpty(), Duration.ofSeconds(30))).singleElement()
                        .satisfies(r -> assertThat(r.value().isOpen()).isTrue());
            }
            assertThat(fx.app.registry().scrape())
                    .contains("slamon_drift_alerts_total{application=\"stream-processor\",tag=\"payment-gateway-timeout\"} 1.0")
                    .contains("slamon_remediation_items_open{application=\"stream-processor\"} 1.0");
        }
    }
}
