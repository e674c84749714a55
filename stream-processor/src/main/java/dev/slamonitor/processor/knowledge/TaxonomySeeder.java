package dev.slamonitor.processor.knowledge;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the built-in taxonomy to the taxonomy topic at start-up when that topic holds no record
 * yet, so the document in force is visible and editable on Kafka from the first run. A topic that
 * already holds any document is left alone: a restart never overwrites a taxonomy changed at run time.
 */
public final class TaxonomySeeder {

    private static final Logger LOG = LoggerFactory.getLogger(TaxonomySeeder.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TaxonomySeeder() {
    }

    /** @return true when the built-in document was published */
    public static boolean seedIfEmpty(AppConfig config, Topics topics) {
        if (!config.bool("knowledge.taxonomy.seed")) {
            return false;
        }
        String topic = topics.rootCauseTaxonomy().name();
        Map<String, Object> common = KafkaClientConfig.common(config);
        Map<String, Object> consumerProps = new HashMap<>(common);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                LOG.warn("Taxonomy topic {} does not exist; the built-in taxonomy applies until one is published", topic);
                return false;
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, TIMEOUT);
            if (tps.stream().anyMatch(tp -> end.get(tp) > begin.get(tp))) {
                return false;
            }
        }
        Map<String, Object> producerProps = new HashMap<>(common);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, Taxonomy.DOCUMENT_KEY, TaxonomyLookup.builtInBytes()))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("Published the built-in root-cause taxonomy to {}", topic);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish the built-in taxonomy to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the built-in taxonomy", e);
        }
    }
}
