package dev.slamonitor.api.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
import java.time.Duration;
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
class KnowledgeFeedIT {

    @Test
    void shouldFillTheViewFromTheCompactedTopicsOnARealBroker(TestKafka kafka) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        AppConfig config = AppConfig.load(Map.of()).with(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "topic.root.cause.stats", "stats-" + run, "topic.remediation.items", "items-" + run));
        Instant now = Instant.now();
        Topics topics = Topics.from(config);
        TopicProvisioner.ensureTopics(config, List.of(topics.rootCauseStats(), topics.remediationItems()));
        // given a stats record (published twice: the latest wins) and an item on the topics
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (long count : List.of(2L, 3L)) {
                producer.send(new ProducerRecord<>("stats-" + run, "sso", Json.mapper().writeValueAsBytes(new RootCauseStats(
                        "sso", "identity", "https://p", true, List.of(new RootCauseStats.WindowCount("7d", count, 3, count >= 3,
                        List.of("T-1"))), null, now, now, 1))));
            }
            producer.send(new ProducerRecord<>("items-" + run, "sso/7d/1", Json.mapper().writeValueAsBytes(new RemediationItem(
                    "sso/7d/1", "sso", "7d", "identity", "https://p", RemediationItem.Status.OPEN, 3, 3, List.of("T-1"),
                    "a-1", now, now.plus(Duration.ofDays(14)), false, null, null, null))));
            producer.send(new ProducerRecord<>("items-" + run, "garbage", "{not json".getBytes())).get();
        }
        // when the feed starts
        KnowledgeView view = new KnowledgeView();
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try (TopicFeed feed = TopicFeed.start("knowledge", KafkaClientConfig.common(config), TopicFeed.Timing.from(config),
                vertx.getOrCreateContext(), KnowledgeFeature.bindings(Topics.from(config), view))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((view.items(null).isEmpty() || view.tag("sso").map(s -> s.windows().get(0).count() < 3).orElse(true))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // then the view holds the latest stats and the item, and skipped the unreadable record
            assertThat(view.tag("sso")).hasValueSatisfying(s -> assertThat(s.windows().get(0).count()).isEqualTo(3));
            assertThat(view.items(RemediationItem.Status.OPEN)).extracting(RemediationItem::itemId).containsExactly("sso/7d/1");
        } finally {
            vertx.close();
        }
    }
}
