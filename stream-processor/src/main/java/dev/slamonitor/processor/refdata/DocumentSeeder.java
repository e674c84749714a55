package dev.slamonitor.processor.refdata;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
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
 * Publishes a bundled document to its (small, compacted) document topic at start-up, so operators
 * find the document in force on Kafka and change it by publishing a new version. Whether it
 * publishes is one {@link SeedingPolicy}; none of them overwrites a newer document, so a restart
 * never undoes a change made at run time. The topic is read to its end (read_committed) first.
 */
public final class DocumentSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentSeeder.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the topic held: any record at all, any record under the key, and the newest value under it. */
    record TopicContent(boolean anyRecord, boolean keyPresent, byte[] latest) {
    }

    private DocumentSeeder() {
    }

    /**
     * @param versionOf the version of a document's bytes; 0 for one that does not read (used by {@link SeedingPolicy#IF_NEWER})
     * @return true if the document was published
     */
    public static boolean seed(Map<String, Object> clientConfig, String topic, String key, byte[] document, int version,
                               ToIntFunction<byte[]> versionOf, SeedingPolicy policy) {
        TopicContent content = read(clientConfig, topic, key);
        if (content == null) {
            LOG.warn("Document topic {} does not exist; the bundled '{}' applies until one is published", topic, key);
            return false;
        }
        if (!shouldPublish(policy, content, version, versionOf)) {
            LOG.info("Document topic {} already holds '{}' ({}); the bundled version {} is not published", topic, key,
                    policy, version);
            return false;
        }
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, document)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish '" + key + "' to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing '" + key + "' to " + topic, e);
        }
        LOG.info("Published the bundled '{}' version {} to {}", key, version, topic);
        return true;
    }

    static boolean shouldPublish(SeedingPolicy policy, TopicContent content, int version, ToIntFunction<byte[]> versionOf) {
        return switch (policy) {
            case IF_TOPIC_EMPTY -> !content.anyRecord();
            case IF_KEY_ABSENT -> !content.keyPresent();
            case IF_NEWER -> content.latest() == null || versionOf.applyAsInt(content.latest()) < version;
        };
    }

    /** The topic read to its end, or null if it does not exist. */
    private static TopicContent read(Map<String, Object> clientConfig, String topic, String key) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "document-seeder-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return null;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            boolean any = false;
            boolean present = false;
            byte[] latest = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    any = true;
                    if (key.equals(r.key())) {
                        present = true;
                        latest = r.value();
                    }
                }
            }
            return new TopicContent(any, present, latest);
        }
    }
}
