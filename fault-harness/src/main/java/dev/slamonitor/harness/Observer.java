package dev.slamonitor.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples, every half second, the processors' progress (committed offsets against read_committed end
 * offsets of every input and repartition partition) and each processor's readiness endpoint
 * ({@code /health/ready}, or {@code /health} where that is 404). Yields the longest silence while
 * input was pending, and the seconds each processor reported ready while a partition it owned had
 * pending input and made no progress for more than {@link #STUCK} (its readiness was untruthful).
 * Ownership is the assignment the group coordinator holds for each processor's members at the
 * sample, and a partition's time without progress counts for a processor only from when that
 * processor got it: the partitions of a killed processor, taken over by a survivor after the session
 * timeout, had no progress for that long already, which the survivor can neither know nor cause.
 * Also feeds each fault's {@link Recovery}.
 */
final class Observer implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Observer.class);

    static final Duration STUCK = Duration.ofSeconds(5);
    private static final long PERIOD_MS = 500;

    private final Admin admin;
    private final String groupId;
    private final List<String> topics;
    private final Map<String, Integer> healthPorts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(800)).build();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private final Map<TopicPartition, Long> lastProgressAt = new HashMap<>();
    private final Map<String, String> readyPath = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long lastAnyProgressAt = System.currentTimeMillis();
    private volatile long longestSilenceMs;
    private final Map<String, Long> readyWhileStuckMs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> readyWhileStuckAcrossOwnersMs = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long pendingNow;
    private final Map<String, java.util.Set<TopicPartition>> owned = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<long[]> failovers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<TopicPartition, Long> waitingSince = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long killedAt = -1;
    private final Map<String, Map<TopicPartition, Long>> ownedSince = new HashMap<>();
    private final List<Recovery> recoveries = new java.util.concurrent.CopyOnWriteArrayList<>();

    Observer(Admin admin, String groupId, List<String> topics, Map<String, Integer> healthPorts) {
        this.admin = admin;
        this.groupId = groupId;
        this.topics = topics;
        this.healthPorts = healthPorts;
        healthPorts.keySet().forEach(n -> readyWhileStuckMs.put(n, 0L));
        healthPorts.keySet().forEach(n -> readyWhileStuckAcrossOwnersMs.put(n, 0L));
        this.thread = new Thread(this::loop, "harness-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            long started = System.currentTimeMillis();
            try {
                sample(started);
            } catch (Exception e) {
                // brokers down or rebalancing: nothing to conclude from this sample
            }
            try {
                Thread.sleep(Math.max(0, PERIOD_MS - (System.currentTimeMillis() - started)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample(long now) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var d : admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(5, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        long pending = 0;
        Map<TopicPartition, Boolean> stuck = new HashMap<>();
        Map<TopicPartition, Long> lags = new HashMap<>();
        for (var e : ends.entrySet()) {
            TopicPartition tp = e.getKey();
            OffsetAndMetadata c = committed.get(tp);
            long offset = c == null ? 0 : c.offset();
            Long before = lastCommitted.put(tp, offset);
            if (before == null || offset > before) {
                lastProgressAt.put(tp, now);
                if (before != null) {
                    lastAnyProgressAt = now;
                }
            }
            long lag = Math.max(0, e.getValue() - offset);
            pending += lag;
            lags.put(tp, lag);
            if (lag == 0) {
                lastProgressAt.put(tp, now); // nothing pending: the partition is not waiting on anyone
            }
            stuck.put(tp, lag > 0 && now - lastProgressAt.getOrDefault(tp, now) > STUCK.toMillis());
        }
        pendingNow = pending;
        trackFailover(now, lags);
        for (Recovery r : recoveries) {
            r.sample(now, lags, lastCommitted, pending);
        }
        if (pending > 0) {
            longestSilenceMs = Math.max(longestSilenceMs, now - lastAnyProgressAt);
        } else {
            lastAnyProgressAt = now;
        }
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all().get(5, TimeUnit.SECONDS)
                .get(groupId);
        for (String name : healthPorts.keySet()) {
            java.util.Set<TopicPartition> assigned = new java.util.HashSet<>();
            for (MemberDescription m : group.members()) {
                if (m.clientId().startsWith(name + "-")) {
                    assigned.addAll(m.assignment().topicPartitions());
                }
            }
            Map<TopicPartition, Long> since = ownedSince.computeIfAbsent(name, n -> new HashMap<>());
            since.keySet().retainAll(assigned);
            assigned.forEach(tp -> since.putIfAbsent(tp, now));
            // stuck for this processor: pending input and no progress since it last moved or since this processor got it
            List<TopicPartition> stuckOwned = assigned.stream().filter(tp -> stuck.getOrDefault(tp, false)
                    && now - Math.max(lastProgressAt.getOrDefault(tp, now), since.get(tp)) > STUCK.toMillis()).toList();
            if (!assigned.isEmpty()) {
                owned.put(name, assigned);
            }
            boolean stuckAcrossOwners = assigned.stream().anyMatch(tp -> stuck.getOrDefault(tp, false));
            boolean ready = (stuckAcrossOwners || !stuckOwned.isEmpty()) && ready(name);
            if (stuckAcrossOwners && ready) {
                readyWhileStuckAcrossOwnersMs.merge(name, PERIOD_MS, Long::sum);
            }
            if (!stuckOwned.isEmpty() && ready) {
                readyWhileStuckMs.merge(name, PERIOD_MS, Long::sum);
                LOG.info("HARNESS-DETAIL {} ready while owning stuck partitions {}", name,
                        stuckOwned.stream().map(tp -> tp + " lag " + lags.get(tp)).toList());
            }
        }
    }

    /** 200 from the readiness endpoint within a second; a frozen or dead process is not ready. */
    private boolean ready(String name) {
        String path = readyPath.getOrDefault(name, "/health/ready");
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + healthPorts.get(name) + path)).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 404 && path.equals("/health/ready")) {
                readyPath.put(name, "/health"); // a processor from before the readiness contract
                return ready(name);
            }
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * A processor was just killed: from now on, each partition it owned counts as recovered at its
     * first committed progress after input reached it (partitions without input meanwhile are
     * skipped); the failover time is the last of those, measured from the kill.
     */
    synchronized void killed(String name, long at) {
        waitingSince.clear();
        owned.getOrDefault(name, java.util.Set.of()).forEach(tp -> waitingSince.put(tp, Long.MIN_VALUE));
        killedAt = at;
    }

    private synchronized void trackFailover(long now, Map<TopicPartition, Long> lags) {
        if (killedAt < 0) {
            return;
        }
        long last = killedAt;
        boolean done = true;
        for (var e : waitingSince.entrySet()) {
            TopicPartition tp = e.getKey();
            long mark = e.getValue();
            if (mark == Long.MAX_VALUE) {
                continue; // recovered
            }
            if (mark == Long.MIN_VALUE) {
                if (lags.getOrDefault(tp, 0L) > 0) {
                    e.setValue(lastCommitted.getOrDefault(tp, 0L)); // input pending: remember where it stood
                    done = false;
                } // no input reached this partition since the kill: it waits for nothing
            } else if (mark != Long.MIN_VALUE && lastCommitted.getOrDefault(tp, 0L) > mark) {
                e.setValue(Long.MAX_VALUE);
                last = Math.max(last, now);
            } else {
                done = false;
            }
        }
        boolean anyWaited = waitingSince.values().stream().anyMatch(v -> v == Long.MAX_VALUE);
        if (done && anyWaited || now - killedAt > 120_000) {
            failovers.add(new long[] {killedAt, done ? last - killedAt : -1});
            killedAt = -1;
        }
    }

    /**
     * Starts measuring how long a fault holds processing back: the partitions {@code processor} owns
     * (a processor fault), every partition ({@code processor} null: a broker kill), or the backlog (a burst).
     */
    Recovery recoveryFrom(long at, String processor, boolean backlog) {
        java.util.Set<TopicPartition> watched = processor == null ? null : java.util.Set.copyOf(owned.getOrDefault(processor, java.util.Set.of()));
        Recovery r = new Recovery(at, watched, backlog, pendingNow);
        recoveries.add(r);
        return r;
    }

    /** (kill instant, ms to processing again on every partition the killed processor owned; -1 if not within 2 min). */
    List<long[]> failovers() {
        return List.copyOf(failovers);
    }

    long longestSilenceMs() {
        return longestSilenceMs;
    }

    long pending() {
        return pendingNow;
    }

    Map<String, Long> readyWhileStuckMs() {
        return Map.copyOf(readyWhileStuckMs);
    }

    /**
     * The same with the definition before ownership was taken into account: a partition's time
     * without progress counted across owners (kept to compare runs with older reports).
     */
    Map<String, Long> readyWhileStuckAcrossOwnersMs() {
        return Map.copyOf(readyWhileStuckAcrossOwnersMs);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
