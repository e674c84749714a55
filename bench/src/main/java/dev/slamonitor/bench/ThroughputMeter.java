package dev.slamonitor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The measurements of part (a) for one application: events/s from RUNNING until a read_committed
 * consumer saw every output, the stream threads' and the whole JVM's CPU time per event, and the
 * records written per event by topic.
 */
final class ThroughputMeter {

    private ThroughputMeter() {
    }

    /**
     * @param streamCpuMicrosPerEvent CPU time of the application's stream thread per event: the cost
     *                                of the topology itself, steadier than the rate when other
     *                                processes share the cores
     * @param jvmCpuMicrosPerEvent    CPU time of the whole JVM per event (broker, clients, GC and the
     *                                reader included): what caps events/s on a small machine
     */
    record Rate(double perSecond, double streamCpuMicrosPerEvent, double jvmCpuMicrosPerEvent) {
    }

    static Rate measure(BenchCluster cluster, KafkaStreams streams, String appId, String output, long expected) throws Exception {
        try (KafkaConsumer<String, byte[]> reader = cluster.committedReader(output)) {
            streams.start();
            // Time from RUNNING: topic creation and the first rebalance are not throughput.
            BenchCluster.awaitRunning(streams, Duration.ofMinutes(2));
            long cpuBefore = streamThreadCpuNanos(appId);
            long jvmBefore = processCpuNanos();
            long start = System.nanoTime();
            long elapsed = BenchCluster.countUntil(reader, expected, start, Duration.ofMinutes(15));
            long cpu = streamThreadCpuNanos(appId) - cpuBefore;
            long jvm = processCpuNanos() - jvmBefore;
            return new Rate(expected / (elapsed / 1e9), cpu / 1e3 / expected, jvm / 1e3 / expected);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static long streamThreadCpuNanos(String appId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(appId + "-") && t.getName().contains("-StreamThread-"))
                .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId())))
                .sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Map<String, Double> writtenPerEvent(BenchCluster cluster, String id, long events) throws Exception {
        Map<String, Double> perEvent = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            var topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(id + "-")).toList();
            var partitions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach((name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            // end offsets count transaction markers too; under exactly-once they are part of the write cost
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) ->
                    perEvent.merge(tp.topic().substring(id.length() + 1), info.offset() / (double) events, Double::sum));
        }
        perEvent.values().removeIf(v -> v < 0.005);
        return perEvent;
    }
}
