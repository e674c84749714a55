package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.processor.knowledge.domain.BucketStatistics;
import dev.slamonitor.processor.knowledge.domain.DriftDecision;
import dev.slamonitor.processor.knowledge.domain.DriftEvaluator;
import dev.slamonitor.processor.knowledge.domain.DriftState;
import dev.slamonitor.processor.knowledge.domain.KnowledgeAlerts;
import dev.slamonitor.processor.knowledge.domain.Occurrence;
import dev.slamonitor.processor.knowledge.domain.ResolvedCause;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Root-cause drift per bucket, in event time: each resolution is stored in the occurrence window
 * store at its event time, and the pure {@link DriftEvaluator} decides whether a window crossed its
 * threshold (one DRIFT alert, one remediation item) or fell back (re-armed). A resolution more than
 * {@code knowledge.window.grace} behind the task's stream time is not counted (metric
 * {@code slamon.root.causes.late}). Fresh counts go to the stats topic.
 */
final class DriftTracker {

    private static final Logger LOG = LoggerFactory.getLogger(DriftTracker.class);

    private final ProcessorContext<String, TagOutput> context;
    private final KnowledgeSettings settings;
    private final KnowledgeMetrics metrics;
    private final RemediationItems items;
    private final WindowStore<String, Occurrence> occurrences;
    private final KeyValueStore<String, DriftState> drift;

    DriftTracker(ProcessorContext<String, TagOutput> context, KnowledgeSettings settings, KnowledgeMetrics metrics,
                 RemediationItems items) {
        this.context = context;
        this.settings = settings;
        this.metrics = metrics;
        this.items = items;
        this.occurrences = context.getStateStore(KnowledgeStores.OCCURRENCES);
        this.drift = context.getStateStore(KnowledgeStores.DRIFT);
    }

    /**
     * Counts one resolution under its bucket (unless it is late) and acts on the drift decisions.
     *
     * @return the bucket's occurrences within the longest window, this one included
     */
    List<Occurrence> count(Taxonomy tx, String bucket, ResolvedCause cause, Record<String, TagInput> record) {
        long at = cause.resolvedAt().toEpochMilli();
        long streamTime = Math.max(context.currentStreamTimeMs(), at);
        Occurrence occurrence = new Occurrence(at, cause.ticketId(), cause.rootCause());
        boolean late = at < streamTime - settings.grace().toMillis();
        if (RootCauseStats.UNKNOWN.equals(bucket)) {
            metrics.unknownRootCause();
        }
        List<Occurrence> seen = fetch(bucket, at - tx.longestWindow().toMillis(), streamTime);
        if (late) {
            metrics.lateResolution();
            LOG.warn("Resolution of {} at {} is more than {} behind stream time {}: not counted under '{}'",
                    cause.ticketId(), cause.resolvedAt(), settings.grace(), Instant.ofEpochMilli(streamTime), bucket);
            seen.add(occurrence);
            return seen;
        }
        occurrences.put(bucket, occurrence, at);
        seen.add(occurrence);
        DriftState state = driftState(bucket);
        for (DriftDecision decision : DriftEvaluator.onOccurrence(tx, bucket, state, seen, at, streamTime)) {
            state = decide(tx, bucket, state, decision, record.timestamp());
        }
        drift.put(bucket, state);
        context.forward(new Record<>(bucket, new TagOutput.Stats(BucketStatistics.of(tx, bucket, state, seen, streamTime)), streamTime));
        return seen;
    }

    /** Re-arms the firing windows whose counts fell back as stream time moved on (a STREAM_TIME punctuation). */
    void recheck(Taxonomy tx, long streamTimeMs) {
        List<KeyValue<String, DriftState>> firing = new ArrayList<>();
        try (KeyValueIterator<String, DriftState> all = drift.all()) {
            while (all.hasNext()) {
                KeyValue<String, DriftState> entry = all.next();
                if (!entry.value.firing().isEmpty()) {
                    firing.add(entry);
                }
            }
        }
        for (KeyValue<String, DriftState> entry : firing) {
            List<Occurrence> seen = fetch(entry.key, streamTimeMs - tx.longestWindow().toMillis(), streamTimeMs);
            List<DriftDecision> decisions = DriftEvaluator.recheck(tx, entry.key, entry.value, seen, streamTimeMs);
            if (decisions.isEmpty()) {
                continue;
            }
            DriftState state = entry.value;
            for (DriftDecision decision : decisions) {
                state = decide(tx, entry.key, state, decision, streamTimeMs);
            }
            drift.put(entry.key, state);
            context.forward(new Record<>(entry.key, new TagOutput.Stats(BucketStatistics.of(tx, entry.key, state, seen, streamTimeMs)),
                    streamTimeMs));
        }
    }

    private DriftState decide(Taxonomy tx, String bucket, DriftState state, DriftDecision decision, long timestamp) {
        if (decision instanceof DriftDecision.Rearm r) {
            LOG.info("Root cause '{}' re-armed in window {}: {} < {}", bucket, r.window(), r.current().count(), r.threshold());
            return DriftEvaluator.apply(state, decision, null, null);
        }
        DriftDecision.Fire fire = (DriftDecision.Fire) decision;
        String alertId = KnowledgeAlerts.driftAlertId(bucket, fire.window(), fire.peak().endMs());
        RemediationItem item = items.openFor(tx, bucket, fire, alertId, timestamp);
        Alert alert = KnowledgeAlerts.drift(tx, bucket, fire, item, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        metrics.alert(alert);
        context.forward(new Record<>(alert.partitionKey(), new TagOutput.Raised(alert), timestamp));
        return DriftEvaluator.apply(state, decision, alertId, item.itemId());
    }

    private DriftState driftState(String bucket) {
        DriftState state = drift.get(bucket);
        return state == null ? DriftState.empty() : state;
    }

    private List<Occurrence> fetch(String bucket, long fromMs, long toMs) {
        List<Occurrence> out = new ArrayList<>();
        try (WindowStoreIterator<Occurrence> it = occurrences.fetch(bucket, Instant.ofEpochMilli(Math.max(0, fromMs)),
                Instant.ofEpochMilli(toMs))) {
            while (it.hasNext()) {
                out.add(it.next().value);
            }
        }
        return out;
    }
}
