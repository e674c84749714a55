package dev.slamonitor.kafka.testkit;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * The partitioner of librdkafka's default, {@code consistent_random}: CRC32 of the key bytes modulo
 * the partition count, a random partition for a null key. Clients built on librdkafka (kcat,
 * confluent-kafka for Python, Go and .NET, node-rdkafka) use it unless told otherwise, so the same
 * key can land on another partition than a Java producer (murmur2) would choose.
 */
public final class Crc32Partitioner implements Partitioner {

    /** The partition librdkafka's default partitioner picks for {@code key}. */
    public static int partitionOf(byte[] key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key);
        return (int) (crc.getValue() % partitions);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        return keyBytes == null ? ThreadLocalRandom.current().nextInt(partitions) : partitionOf(keyBytes, partitions);
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
