package dev.slamonitor.api.refund;

import dev.slamonitor.api.feed.FeedProgress;
import dev.slamonitor.api.feed.TopicFeed;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.refund.ApprovalRecord;
import dev.slamonitor.refund.LeakageView;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link RefundView} from the compacted approvals and leakage topics through a
 * {@link TopicFeed} (whole topics, every instance, health-checked). Records that cannot be read are
 * logged and skipped; they came from the stream processor, and the next record for the same key
 * replaces them. Close to stop.
 */
public final class RefundTopicsFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RefundTopicsFeed.class);

    private final TopicFeed feed;

    private RefundTopicsFeed(TopicFeed feed) {
        this.feed = feed;
    }

    public static RefundTopicsFeed start(AppConfig config, RefundView view) {
        return start(config, TopicFeed.Timing.from(config), view);
    }

    public static RefundTopicsFeed start(AppConfig config, TopicFeed.Timing timing, RefundView view) {
        Topics topics = Topics.from(config);
        String approvals = topics.refundApprovals().name();
        TopicFeed feed = new TopicFeed("refund", KafkaClientConfig.common(config),
                List.of(approvals, topics.refundLeakage().name()), timing, (records, caughtUp) -> {
                    records.forEach(r -> apply(topics, approvals, view, r));
                    return CompletableFuture.completedFuture(null);
                });
        return new RefundTopicsFeed(feed.start());
    }

    private static void apply(Topics topics, String approvalsTopic, RefundView view, ConsumerRecord<byte[], byte[]> record) {
        try {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (record.topic().equals(approvalsTopic)) {
                ApprovalRecord value = topics.refundApprovals().valueSerde().deserializer().deserialize(record.topic(), record.value());
                view.onApproval(key, value);
            } else {
                LeakageView value = topics.refundLeakage().valueSerde().deserializer().deserialize(record.topic(), record.value());
                view.onLeakage(key, value);
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
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
