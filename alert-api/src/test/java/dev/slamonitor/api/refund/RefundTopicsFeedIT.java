package dev.slamonitor.api.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.refund.ApprovalRecord;
import dev.slamonitor.refund.LeakageView;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class RefundTopicsFeedIT {

    @Test
    void shouldFillTheViewFromTheApprovalsAndLeakageTopicsOnARealBroker(TestKafka kafka) throws Exception {
        // given both topics holding records before the feed starts
        String run = UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.load(Map.of()).with(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "topic.refund.approvals", "approvals-" + run, "topic.refund.leakage", "leakage-" + run));
        Topics topics = Topics.from(config);
        TopicProvisioner.ensureTopics(config, List.of(topics.refundApprovals(), topics.refundLeakage()));
        ApprovalRecord record = new ApprovalRecord("R-1", "T-1", "payments", true, "ana", "agent", "agent", "small",
                new BigDecimal("20"), "EUR", "GOODWILL", "cx-operations-lead", null, Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-20T10:05:00Z"), 300_000L, 1, List.of(), "default", 1);
        LeakageView view = new LeakageView("2026-11", "2026-11-01", "2026-11-30", "UTC", List.of(), List.of(), List.of(),
                List.of(), Instant.parse("2026-11-20T10:05:00Z"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.refundApprovals().name(), "R-1",
                    JsonSerde.of(ApprovalRecord.class).serializer().serialize(null, record))).get();
            producer.send(new ProducerRecord<>(topics.refundLeakage().name(), "2026-11",
                    JsonSerde.of(LeakageView.class).serializer().serialize(null, view))).get();
            producer.send(new ProducerRecord<>(topics.refundLeakage().name(), "2026-10", "{broken".getBytes())).get();
        }

        // when the feed runs
        RefundView refunds = new RefundView();
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try (TopicFeed feed = TopicFeed.start("refund", KafkaClientConfig.common(config), TopicFeed.Timing.from(config),
                vertx.getOrCreateContext(), RefundFeature.bindings(Topics.from(config), refunds))) {
            long deadline = System.currentTimeMillis() + 30_000;
            while ((refunds.approval("R-1").isEmpty() || refunds.leakage("2026-11").isEmpty())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            vertx.close();
        }

        // then the view holds both, and the unreadable record was skipped
        assertThat(refunds.approval("R-1")).contains(record);
        assertThat(refunds.leakage("2026-11")).contains(view);
        assertThat(refunds.leakage("2026-10")).isEmpty();
    }
}
