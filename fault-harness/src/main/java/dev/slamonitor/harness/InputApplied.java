package dev.slamonitor.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * When the input that was in Kafka at a given instant had been applied, which is an alert's own
 * restore time: the engine lets events already in Kafka win over timers, so an alert due at D can
 * be raised only once every record in the input topics at D, and then every repartitioned copy of
 * them, is committed as processed. Samples every {@link #PERIOD_MS} the read_committed end offsets of
 * each stage (input topics, then repartition topics) and the processors' committed offsets, keeps
 * the history, and answers per due time at the end of the run. The harness's own reading of that
 * rule, not the engine's watermark code. The sampling runs on its own thread (the {@link Observer}'s
 * sample, with its health calls, takes longer than the resolution this needs).
 */
final class InputApplied implements AutoCloseable {

    static final long PERIOD_MS = 100;

    private record Sample(long at, long[] ends, long[] committed) {
    }

    private final List<List<TopicPartition>> stages;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<Sample> history = new ArrayList<>();
    private Thread thread;
    private volatile boolean running = true;

    /** @param stages the partitions each stage reads, in pipeline order */
    InputApplied(List<List<TopicPartition>> stages) {
        this.stages = List.copyOf(stages);
        stages.forEach(partitions::addAll);
    }

    /** Starts sampling the cluster for {@code groupId}; topics per stage as the engine names them. */
    static InputApplied sampling(Admin admin, String groupId, List<List<String>> stageTopics) throws Exception {
        List<List<TopicPartition>> stages = new ArrayList<>();
        for (List<String> topics : stageTopics) {
            List<TopicPartition> tps = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()
                    .forEach(d -> d.partitions().forEach(p -> tps.add(new TopicPartition(d.name(), p.partition()))));
            stages.add(tps);
        }
        InputApplied applied = new InputApplied(stages);
        applied.thread = new Thread(() -> applied.loop(admin, groupId), "harness-input-applied");
        applied.thread.setDaemon(true);
        applied.thread.start();
        return applied;
    }

    private void loop(Admin admin, String groupId) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        while (running) {
            long started = System.currentTimeMillis();
            try {
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(5, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
                Map<TopicPartition, Long> committed = new HashMap<>();
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                offsets.forEach((tp, o) -> committed.put(tp, o == null ? 0L : o.offset()));
                // the end offsets were read before the committed ones: an instant whose input is all known
                record(started, ends, committed);
            } catch (Exception e) {
                // a broker down, the group rebalancing: no sample, the next one decides
            }
            try {
                Thread.sleep(Math.max(0, PERIOD_MS - (System.currentTimeMillis() - started)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The partition of the task holding {@code ticketId}'s timers, in one of the last stage's topics
     * (the repartition topics are co-partitioned by ticket id: Kafka Streams' default partitioner, the
     * murmur2 hash of the key's bytes).
     */
    TopicPartition timerPartition(String ticketId) {
        List<TopicPartition> last = stages.get(stages.size() - 1);
        String topic = last.get(0).topic();
        long count = last.stream().filter(tp -> tp.topic().equals(topic)).count();
        int partition = Utils.toPositive(Utils.murmur2(ticketId.getBytes(StandardCharsets.UTF_8))) % (int) count;
        return new TopicPartition(topic, partition);
    }

    /** One sample: end offsets as of {@code at}, committed offsets read after them (a partition never committed is at 0). */
    synchronized void record(long at, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {
        long[] e = new long[partitions.size()];
        long[] c = new long[partitions.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = ends.getOrDefault(partitions.get(i), 0L);
            c[i] = committed.getOrDefault(partitions.get(i), 0L);
        }
        history.add(new Sample(at, e, c));
    }

    /**
     * The first sample at which every record that was in the first stage at {@code dueMs} (its first
     * sample from then on), and then every record in each later stage at the moment the stage before it
     * was applied, was committed; -1 when that never happened within the history.
     */
    synchronized long appliedAt(long dueMs) {
        int i = firstAtOrAfter(dueMs);
        int offset = 0;
        for (List<TopicPartition> stage : stages) {
            if (i < 0) {
                return -1;
            }
            long[] target = history.get(i).ends;
            int from = offset;
            int to = offset + stage.size();
            i = firstCommitted(i, target, from, to);
            offset = to;
        }
        return i < 0 ? -1 : history.get(i).at;
    }

    private int firstAtOrAfter(long at) {
        int lo = 0;
        int hi = history.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (history.get(mid).at < at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < history.size() ? lo : -1;
    }

    private int firstCommitted(int start, long[] target, int from, int to) {
        for (int i = start; i < history.size(); i++) {
            long[] committed = history.get(i).committed;
            boolean all = true;
            for (int p = from; p < to && all; p++) {
                all = committed[p] >= target[p];
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
