package dev.slamonitor.processor.refund.topology;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.refund.domain.GovernancePolicyReader;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the bundled default governance policy at start, so operators find the policy in force
 * on the governance topic and change it by publishing a new version. It never overwrites: when the
 * topic already holds any document under {@code refund.policy.id} (valid or not; the topology
 * decides), nothing is published, so a restart cannot undo a run-time change.
 */
public final class GovernancePolicyPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(GovernancePolicyPublisher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private GovernancePolicyPublisher() {
    }

    /** @return true if the default was published */
    public static boolean publishDefaultIfAbsent(AppConfig config, Topics topics) {
        if (!config.bool("refund.policy.publish.default")) {
            return false;
        }
        String policyId = config.string("refund.policy.id");
        byte[] bundled = GovernancePolicyReader.bundledDefaultBytes();
        String bundledId = new GovernancePolicyReader().bundledDefault().policyId();
        if (!bundledId.equals(policyId)) {
            LOG.warn("refund.policy.id={} differs from the bundled policy's id '{}': not publishing the default; "
                    + "publish policy '{}' to {} yourself", policyId, bundledId, policyId, topics.refundGovernance().name());
            return false;
        }
        String topic = topics.refundGovernance().name();
        if (holdsKey(config, topic, policyId)) {
            LOG.info("Governance topic {} already holds policy '{}'; the bundled default is not published", topic, policyId);
            return false;
        }
        Map<String, Object> props = new HashMap<>(KafkaClientConfig.common(config));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, policyId, bundled)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish the default governance policy to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the default governance policy", e);
        }
        LOG.info("Published the bundled default governance policy '{}' to {}", policyId, topic);
        return true;
    }

    private static boolean holdsKey(AppConfig config, String topic, String key) {
        Map<String, Object> props = new HashMap<>(KafkaClientConfig.common(config));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading governance topic " + topic);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
