package dev.slamonitor.api.refund;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.refund.ApprovalRecord;
import dev.slamonitor.refund.LeakageView;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link RefundView} from the compacted approvals and leakage topics: every partition from
 * the beginning (no consumer group, so each API instance holds the whole view), then follows new
 * records, on one daemon thread. Records that cannot be read are logged and skipped; they came from
 * the stream processor, and the next record for the same key replaces them. Close to stop.
 */
public final class RefundTopicsFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RefundTopicsFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final String approvalsTopic;
    private final Topics topics;
    private final RefundView view;
    private volatile boolean running = true;

    private RefundTopicsFeed(AppConfig config, RefundView view) {
        this.topics = Topics.from(config);
        this.view = view;
        this.approvalsTopic = topics.refundApprovals().name();
        Map<String, Object> props = new HashMap<>(KafkaClientConfig.common(config));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "refund-topics-feed");
        this.thread.setDaemon(true);
    }

    public static RefundTopicsFeed start(AppConfig config, RefundView view) {
        RefundTopicsFeed feed = new RefundTopicsFeed(config, view);
        feed.thread.start();
        return feed;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(approvalsTopic, topics.refundLeakage().name())) {
                for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Refund view feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(approvalsTopic)) {
                ApprovalRecord value = topics.refundApprovals().valueSerde().deserializer().deserialize(record.topic(), record.value());
                view.onApproval(record.key(), value);
            } else {
                LeakageView value = topics.refundLeakage().valueSerde().deserializer().deserialize(record.topic(), record.value());
                view.onLeakage(record.key(), value);
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
