package dev.slamonitor.processor.sla.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a bundled policy to the (compacted) policies topic at start-up, keyed by its id, when the
 * topic has no policy of that id or only an older version. A topic version that is the same or newer
 * wins (someone published it on purpose), so restarts never roll a policy back; a same-version
 * document with different content is logged, since the validator would refuse it anyway.
 */
public final class PolicyPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyPublisher.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** What happened to one policy at start-up. */
    public enum Outcome { PUBLISHED, UP_TO_DATE, NEWER_IN_TOPIC }

    private PolicyPublisher() {
    }

    public static Outcome publishIfNewer(Map<String, Object> clientConfig, String topic, byte[] policyJson) {
        JsonNode policy = tree(policyJson);
        String id = policy.path("id").asText();
        int version = policy.path("version").asInt();
        byte[] current = latest(clientConfig, topic, id);
        if (current != null) {
            JsonNode inTopic = treeOrNull(current);
            int topicVersion = inTopic == null ? 0 : inTopic.path("version").asInt(0);
            if (topicVersion > version) {
                LOG.info("Policy {}: topic {} holds version {}, newer than bundled version {}; keeping it", id, topic, topicVersion, version);
                return Outcome.NEWER_IN_TOPIC;
            }
            if (topicVersion == version) {
                if (!policy.equals(inTopic)) {
                    LOG.warn("Policy {} version {} in topic {} differs from the bundled one; bump the version to publish a change",
                            id, version, topic);
                }
                return Outcome.UP_TO_DATE;
            }
        }
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, id, policyJson)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing policy " + id, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Cannot publish policy " + id + " to " + topic + ": " + e.getCause().getMessage(), e);
        }
        LOG.info("Policy {} version {} published to {}", id, version, topic);
        return Outcome.PUBLISHED;
    }

    /** The newest committed value of {@code key} in a small compacted topic, or null. */
    private static byte[] latest(Map<String, Object> clientConfig, String topic, String key) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "policy-publisher-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            byte[] value = null;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        value = r.value();
                    }
                }
            }
            return value;
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Bundled policy is not JSON", e);
        }
    }

    private static JsonNode treeOrNull(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
