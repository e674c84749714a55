package dev.slamonitor.api.knowledge;

import dev.slamonitor.api.feed.FeedProgress;
import dev.slamonitor.api.feed.TopicFeed;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicSpec;
import dev.slamonitor.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link KnowledgeView} from the compacted root-cause stats and remediation items topics
 * through a {@link TopicFeed} (whole topics, every instance, health-checked). A record it cannot read
 * is logged and skipped; the next record for the same key replaces it anyway.
 */
public final class KnowledgeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeFeed.class);

    private final TopicFeed feed;

    private KnowledgeFeed(TopicFeed feed) {
        this.feed = feed;
    }

    public static KnowledgeFeed start(AppConfig config, KnowledgeView view) {
        return start(config, TopicFeed.Timing.from(config), view);
    }

    public static KnowledgeFeed start(AppConfig config, TopicFeed.Timing timing, KnowledgeView view) {
        Topics topics = Topics.from(config);
        TopicSpec<String, RootCauseStats> stats = topics.rootCauseStats();
        TopicSpec<String, RemediationItem> items = topics.remediationItems();
        TopicFeed feed = new TopicFeed("knowledge", KafkaClientConfig.common(config), List.of(stats.name(), items.name()),
                timing, (records, caughtUp) -> {
                    records.forEach(r -> apply(stats, items, view, r));
                    return CompletableFuture.completedFuture(null);
                });
        return new KnowledgeFeed(feed.start());
    }

    private static void apply(TopicSpec<String, RootCauseStats> stats, TopicSpec<String, RemediationItem> items,
                              KnowledgeView view, ConsumerRecord<byte[], byte[]> r) {
        try {
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            if (r.topic().equals(stats.name())) {
                view.applyStats(key, stats.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            } else {
                view.applyItem(key, items.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    public FeedProgress progress() {
        return feed.progress();
    }

    @Override
    public void close() {
        feed.close();
    }
}
