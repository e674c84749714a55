package dev.slamonitor.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * (f) Records written to each topic (summed over partitions, transaction markers included) during an
 * idle window: the end offsets of every topic, Kafka's own included, before and after it.
 */
record IdleWrites(Duration window, Map<String, Long> byTopic) {

    /** What the application's own topics got (not {@code __consumer_offsets} / {@code __transaction_state}). */
    long applicationTotal() {
        return byTopic.entrySet().stream().filter(e -> !e.getKey().startsWith("__")).mapToLong(Map.Entry::getValue).sum();
    }

    /** Waits {@code window} and returns the records written meanwhile, by topic (topics with none left out). */
    static IdleWrites measure(Admin admin, Duration window) throws Exception {
        Map<String, Long> before = endOffsets(admin);
        Thread.sleep(window.toMillis());
        Map<String, Long> after = endOffsets(admin);
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((topic, end) -> {
            long d = end - before.getOrDefault(topic, 0L);
            if (d != 0) {
                delta.put(topic, d);
            }
        });
        return new IdleWrites(window, delta);
    }

    /** End offset per topic, summed over partitions (every record, transaction markers included). */
    private static Map<String, Long> endOffsets(Admin admin) throws Exception {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getKey().topic(), TreeMap::new, Collectors.summingLong(e -> e.getValue().offset())));
    }
}
