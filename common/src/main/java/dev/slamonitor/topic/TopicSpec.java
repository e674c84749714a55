package dev.slamonitor.topic;

import org.apache.kafka.common.serialization.Serde;

/** One topic: its configured name, its key and value serdes, and whether it is compacted. */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
}
