package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.knowledge.RemediationEvent;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.refdata.DocumentInForce;
import dev.slamonitor.processor.knowledge.domain.DriftDecision;
import dev.slamonitor.processor.knowledge.domain.DriftEvaluator;
import dev.slamonitor.processor.knowledge.domain.DriftState;
import dev.slamonitor.processor.knowledge.domain.KnowledgeAlerts;
import dev.slamonitor.processor.knowledge.domain.Occurrence;
import dev.slamonitor.processor.knowledge.domain.ResolvedCause;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.knowledge.domain.WindowCount;
import dev.slamonitor.processor.knowledge.domain.WindowCounter;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-tag half of the knowledge loop (key: the bucket, i.e. a taxonomy tag or {@code unknown}).
 * Each resolution is stored in a window store at its event time; the pure {@link DriftEvaluator}
 * decides whether a window crossed its threshold (one DRIFT alert, one remediation item) or fell back
 * (re-armed); the closure rule raises KNOWLEDGE_GAP; fresh counts go to the stats topic.
 *
 * <p>Time: counts are event time. A resolution more than {@code knowledge.window.grace} behind the
 * task's stream time is not counted (metric {@code slamon.root.causes.late}). Re-arming is checked on
 * every resolution of the tag and by a STREAM_TIME punctuator, since counts only fall as event time
 * moves on. Remediation due dates are checked by a WALL_CLOCK_TIME punctuator over a
 * {@link DeadlineIndex} (the item store is the truth), so an overdue item alerts without further input.
 */
final class RootCauseProcessor implements Processor<String, TagInput, String, TagOutput> {

    static final String FEATURE = "knowledge-remediation";
    private static final Logger LOG = LoggerFactory.getLogger(RootCauseProcessor.class);

    private final KnowledgeSettings settings;
    private final KnowledgeMetrics metrics;
    private final DocumentInForce<Taxonomy> taxonomy;
    private ProcessorContext<String, TagOutput> context;
    private WindowStore<String, Occurrence> occurrences;
    private KeyValueStore<String, DriftState> drift;
    private KeyValueStore<String, RemediationItem> items;
    private DeadlineIndex dueDates;
    private final TimerPunctuation timers;
    private String taskId;
    private long openItems;

    RootCauseProcessor(KnowledgeSettings settings, KnowledgeMetrics metrics, DocumentInForce<Taxonomy> taxonomy) {
        this.settings = settings;
        this.metrics = metrics;
        this.taxonomy = taxonomy;
        this.timers = metrics.timers(FEATURE, settings);
    }

    @Override
    public void init(ProcessorContext<String, TagOutput> context) {
        this.context = context;
        this.occurrences = context.getStateStore(KnowledgeStores.OCCURRENCES);
        this.drift = context.getStateStore(KnowledgeStores.DRIFT);
        this.items = context.getStateStore(KnowledgeStores.ITEMS);
        this.dueDates = new DeadlineIndex(context.getStateStore(KnowledgeStores.REMEDIATION_DEADLINES));
        taxonomy.init(context);
        this.taskId = context.taskId().toString();
        try (KeyValueIterator<String, RemediationItem> all = items.all()) {
            while (all.hasNext()) {
                openItems += all.next().value.isOpen() ? 1 : 0;
            }
        }
        metrics.openItems(taskId, openItems);
        timers.start(context, dueDates, this::onDueItem);
        context.schedule(settings.rearmInterval(), PunctuationType.STREAM_TIME, this::recheckDrift);
    }

    @Override
    public void process(Record<String, TagInput> record) {
        if (record.value().resolution() != null) {
            count(record.key(), record.value().resolution(), record);
        } else {
            close(record.value().close(), record);
        }
    }

    @Override
    public void close() {
        metrics.taskClosed(taskId);
    }

    private void count(String bucket, ResolvedCause cause, Record<String, TagInput> record) {
        Taxonomy tx = taxonomy.current();
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
        } else {
            occurrences.put(bucket, occurrence, at);
            seen.add(occurrence);
            DriftState state = driftState(bucket);
            for (DriftDecision decision : DriftEvaluator.onOccurrence(tx, bucket, state, seen, at, streamTime)) {
                state = decide(tx, bucket, state, decision, record.timestamp());
            }
            drift.put(bucket, state);
            context.forward(new Record<>(bucket, new TagOutput.Stats(stats(tx, bucket, state, seen, streamTime)), streamTime));
        }
        closureRule(tx, bucket, cause, seen, record);
    }

    private DriftState decide(Taxonomy tx, String bucket, DriftState state, DriftDecision decision, long timestamp) {
        if (decision instanceof DriftDecision.Rearm r) {
            LOG.info("Root cause '{}' re-armed in window {}: {} < {}", bucket, r.window(), r.current().count(), r.threshold());
            return DriftEvaluator.apply(state, decision, null, null);
        }
        DriftDecision.Fire fire = (DriftDecision.Fire) decision;
        Instant windowEnd = Instant.ofEpochMilli(fire.peak().endMs());
        String itemId = RemediationItem.idOf(bucket, fire.window(), windowEnd);
        String alertId = KnowledgeAlerts.driftAlertId(bucket, fire.window(), fire.peak().endMs());
        RemediationItem item = items.get(itemId);
        if (item == null) {
            item = new RemediationItem(itemId, bucket, fire.window(), tx.ownerOf(bucket), tx.playbookOf(bucket),
                    RemediationItem.Status.OPEN, fire.peak().count(), fire.threshold(),
                    KnowledgeAlerts.examples(tx, fire.peak()), alertId, windowEnd,
                    windowEnd.plus(tx.policy().remediationDueDuration()), false, null, null, null);
            items.put(itemId, item);
            dueDates.schedule(itemId, item.dueAt().toEpochMilli());
            metrics.openItems(taskId, ++openItems);
            context.forward(new Record<>(itemId, new TagOutput.Item(item), timestamp));
        }
        Alert alert = KnowledgeAlerts.drift(tx, bucket, fire, item, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        metrics.alert(alert);
        context.forward(new Record<>(alert.partitionKey(), new TagOutput.Raised(alert), timestamp));
        return DriftEvaluator.apply(state, decision, alertId, itemId);
    }

    private void closureRule(Taxonomy tx, String bucket, ResolvedCause cause, List<Occurrence> seen,
                             Record<String, TagInput> record) {
        List<Occurrence> sameCause = seen.stream().filter(o -> o.rawTag().equals(cause.rootCause())).toList();
        WindowCount repeat = WindowCounter.at(sameCause, cause.resolvedAt().toEpochMilli(), tx.longestWindow().toMillis());
        boolean isRepeat = repeat.count() >= tx.policy().repeatMinimum();
        if (cause.escalated()) {
            // The repeat escalation rate asks "was this root cause already seen in the window?": another
            // ticket with it (the count includes this one), not the closure rule's repeatMinimum.
            metrics.escalatedResolution(bucket, repeat.count() >= 2);
        }
        if (isRepeat && !cause.hasSopDecision()) {
            Alert alert = KnowledgeAlerts.knowledgeGap(tx, cause, bucket, repeat,
                    Instant.ofEpochMilli(context.currentSystemTimeMs()));
            metrics.alert(alert);
            context.forward(record.withKey(alert.partitionKey()).withValue(new TagOutput.Raised(alert)));
            // the resolution that lacked the SOP decision is past: a one-off record
            Alert ended = alert.resolved("one_off", alert.firedAt(), alert.message());
            context.forward(record.withKey(ended.partitionKey()).withValue(new TagOutput.Raised(ended)));
        }
    }

    private void close(RemediationEvent close, Record<String, TagInput> record) {
        RemediationItem item = items.get(close.itemId());
        if (item == null || !item.isOpen()) {
            String detail = item == null ? "no remediation item '" + close.itemId() + "'"
                    : "remediation item '" + close.itemId() + "' was already closed at " + item.closedAt() + " by " + item.closedBy();
            context.forward(record.withKey(close.itemId()).withValue(new TagOutput.Refused(
                    new Rejection(DeadLetterReason.INVALID_REMEDIATION_EVENT, detail, record.value().closeBytes()))));
            return;
        }
        RemediationItem closed = item.closed(Instant.ofEpochMilli(record.timestamp()), close.by(), close.evidence());
        items.put(closed.itemId(), closed);
        dueDates.cancel(closed.itemId(), closed.dueAt().toEpochMilli());
        metrics.openItems(taskId, --openItems);
        context.forward(record.withKey(closed.itemId()).withValue(new TagOutput.Item(closed)));
        // the drift (and its overdue notice) ends with the remediation item
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (Alert ended : KnowledgeAlerts.closedItemAlerts(item, taxonomy.current().version(), now)) {
            context.forward(record.withKey(ended.partitionKey()).withValue(new TagOutput.Raised(ended)));
        }
    }

    /** One due remediation date: the item store is the truth, the index entry only a hint. */
    private void onDueItem(String itemId, long deadlineMs, long nowMs) {
        RemediationItem item = items.get(itemId);
        if (item == null || !item.isOpen() || item.overdueAlerted() || item.dueAt().toEpochMilli() > nowMs) {
            return; // closed, already reported, or a stale index entry
        }
        RemediationItem overdue = item.overdue();
        items.put(itemId, overdue);
        Alert alert = KnowledgeAlerts.remediationOverdue(overdue, taxonomy.current().version(), Instant.ofEpochMilli(nowMs));
        metrics.alert(alert);
        context.forward(new Record<>(alert.partitionKey(), new TagOutput.Raised(alert), nowMs));
        context.forward(new Record<>(itemId, new TagOutput.Item(overdue), nowMs));
    }

    private void recheckDrift(long streamTimeMs) {
        Taxonomy tx = taxonomy.current();
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
            context.forward(new Record<>(entry.key, new TagOutput.Stats(stats(tx, entry.key, state, seen, streamTimeMs)), streamTimeMs));
        }
    }

    private RootCauseStats stats(Taxonomy tx, String bucket, DriftState state, List<Occurrence> seen, long streamTime) {
        List<RootCauseStats.WindowCount> windows = new ArrayList<>();
        for (String window : tx.windows()) {
            WindowCount current = WindowCounter.at(seen, streamTime, tx.windowLength(window).toMillis());
            windows.add(new RootCauseStats.WindowCount(window, current.count(), tx.thresholdOf(bucket, window),
                    state.isFiring(window), KnowledgeAlerts.examples(tx, current)));
        }
        Map<String, Long> unknownTags = null;
        if (RootCauseStats.UNKNOWN.equals(bucket)) {
            long from = streamTime - tx.longestWindow().toMillis();
            unknownTags = new TreeMap<>();
            for (Occurrence o : seen) {
                if (o.atMs() >= from && o.atMs() <= streamTime) {
                    unknownTags.merge(o.rawTag(), 1L, Long::sum);
                }
            }
        }
        Instant lastSeen = seen.stream().mapToLong(Occurrence::atMs).max().stream().mapToObj(Instant::ofEpochMilli)
                .findFirst().orElse(null);
        return new RootCauseStats(bucket, tx.ownerOf(bucket), tx.playbookOf(bucket), !RootCauseStats.UNKNOWN.equals(bucket),
                windows, unknownTags, lastSeen, Instant.ofEpochMilli(streamTime), tx.version());
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
