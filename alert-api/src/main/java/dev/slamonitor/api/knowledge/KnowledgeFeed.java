package dev.slamonitor.api.knowledge;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicSpec;
import dev.slamonitor.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link KnowledgeView} from the compacted root-cause stats and remediation items topics: one
 * daemon thread, every partition assigned (no consumer group: each API instance holds the full view),
 * read from the beginning, committed data only. A record it cannot read is logged and skipped; the
 * next record for the same key replaces it anyway.
 */
public final class KnowledgeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicSpec<String, RootCauseStats> stats;
    private final TopicSpec<String, RemediationItem> items;
    private final KnowledgeView view;
    private final Thread thread;
    private volatile boolean running = true;

    private KnowledgeFeed(KafkaConsumer<String, byte[]> consumer, Topics topics, KnowledgeView view) {
        this.consumer = consumer;
        this.stats = topics.rootCauseStats();
        this.items = topics.remediationItems();
        this.view = view;
        this.thread = new Thread(this::run, "knowledge-feed");
        this.thread.setDaemon(true);
    }

    public static KnowledgeFeed start(AppConfig config, KnowledgeView view) {
        Map<String, Object> props = new HashMap<>(KafkaClientConfig.common(config));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KnowledgeFeed feed = new KnowledgeFeed(new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()), Topics.from(config), view);
        feed.thread.start();
        return feed;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(stats.name(), items.name())) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("Knowledge feed stopped; root-cause and remediation views are no longer updated", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.topic().equals(stats.name())) {
                view.applyStats(r.key(), stats.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            } else {
                view.applyItem(r.key(), items.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
