package dev.slamonitor.processor.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the health check learns from the cluster through the Admin client, asked without ever
 * waiting for the answer: whether and when the cluster last answered, and the latest read_committed
 * end offset of each input partition it was asked about. At most one request of each kind is in
 * flight; an answer that comes late only refreshes the cache later, it never delays a readiness
 * decision. The end offsets reach a partition whose stream thread is blocked (its own consumer then
 * fetches nothing and its lag metric stands still).
 */
final class ClusterFacts {

    private final Admin admin;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicBoolean describing = new AtomicBoolean();
    private final AtomicBoolean listing = new AtomicBoolean();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
    private volatile Instant lastAnswer;

    ClusterFacts(Admin admin, Duration timeout, Clock clock) {
        this.admin = admin;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Sends a cluster description and an end-offset request for {@code partitions}, unless one is still in flight. */
    void refresh(Set<TopicPartition> partitions) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        if (describing.compareAndSet(false, true)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().whenComplete((nodes, e) -> {
                if (e == null) {
                    lastAnswer = clock.instant();
                }
                describing.set(false);
            });
        }
        if (!partitions.isEmpty() && listing.compareAndSet(false, true)) {
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            partitions.forEach(p -> wanted.put(p, OffsetSpec.latest()));
            admin.listOffsets(wanted, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs)).all()
                    .whenComplete((result, e) -> {
                        if (e == null) {
                            result.forEach((p, info) -> ends.merge(p, info.offset(), Math::max));
                        }
                        listing.set(false);
                    });
        }
    }

    /** When the cluster last answered a description, if ever. */
    Optional<Instant> lastAnswer() {
        return Optional.ofNullable(lastAnswer);
    }

    /** The highest read_committed end offset the cluster reported for {@code partition}, if any. */
    OptionalLong end(TopicPartition partition) {
        Long end = ends.get(partition);
        return end == null ? OptionalLong.empty() : OptionalLong.of(end);
    }

    /** Forgets end offsets of partitions this instance no longer owns (a topic recreated later starts again from 0). */
    void retain(Set<TopicPartition> partitions) {
        ends.keySet().retainAll(partitions);
    }
}
