package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.knowledge.RemediationEvent;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.knowledge.domain.DriftDecision;
import dev.slamonitor.processor.knowledge.domain.KnowledgeAlerts;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.refdata.DocumentInForce;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task's remediation items: one opened per drift peak, closed by a close request, reported once
 * when overdue. The item store is the truth; the due-date {@link DeadlineIndex} is only a hint, so a
 * stale entry is ignored. Keeps the task's open-item count on {@code slamon.remediation.items.open}.
 */
final class RemediationItems {

    private final ProcessorContext<String, TagOutput> context;
    private final KnowledgeMetrics metrics;
    private final DocumentInForce<Taxonomy> taxonomy;
    private final KeyValueStore<String, RemediationItem> items;
    private final DeadlineIndex dueDates;
    private final String taskId;
    private long open;

    RemediationItems(ProcessorContext<String, TagOutput> context, KnowledgeMetrics metrics, DocumentInForce<Taxonomy> taxonomy) {
        this.context = context;
        this.metrics = metrics;
        this.taxonomy = taxonomy;
        this.items = context.getStateStore(KnowledgeStores.ITEMS);
        this.dueDates = new DeadlineIndex(context.getStateStore(KnowledgeStores.REMEDIATION_DEADLINES));
        this.taskId = context.taskId().toString();
        try (KeyValueIterator<String, RemediationItem> all = items.all()) {
            while (all.hasNext()) {
                open += all.next().value.isOpen() ? 1 : 0;
            }
        }
        metrics.openItems(taskId, open);
    }

    DeadlineIndex dueDates() {
        return dueDates;
    }

    /** The item of a drift peak: the one already opened for it, or a new one (published and scheduled). */
    RemediationItem openFor(Taxonomy tx, String bucket, DriftDecision.Fire fire, String alertId, long timestamp) {
        Instant windowEnd = Instant.ofEpochMilli(fire.peak().endMs());
        String itemId = RemediationItem.idOf(bucket, fire.window(), windowEnd);
        RemediationItem item = items.get(itemId);
        if (item == null) {
            item = new RemediationItem(itemId, bucket, fire.window(), tx.ownerOf(bucket), tx.playbookOf(bucket),
                    RemediationItem.Status.OPEN, fire.peak().count(), fire.threshold(),
                    KnowledgeAlerts.examples(tx, fire.peak()), alertId, windowEnd,
                    windowEnd.plus(tx.policy().remediationDueDuration()), false, null, null, null);
            items.put(itemId, item);
            dueDates.schedule(itemId, item.dueAt().toEpochMilli());
            metrics.openItems(taskId, ++open);
            context.forward(new Record<>(itemId, new TagOutput.Item(item), timestamp));
        }
        return item;
    }

    /** A close request: closes an open item and ends its alerts; an unknown or closed item is a dead letter. */
    void close(RemediationEvent close, Record<String, TagInput> record) {
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
        metrics.openItems(taskId, --open);
        context.forward(record.withKey(closed.itemId()).withValue(new TagOutput.Item(closed)));
        // the drift (and its overdue notice) ends with the remediation item
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (Alert ended : KnowledgeAlerts.closedItemAlerts(item, taxonomy.current().version(), now)) {
            context.forward(record.withKey(ended.partitionKey()).withValue(new TagOutput.Raised(ended)));
        }
    }

    /** One due remediation date: the item store is the truth, the index entry only a hint. */
    void onDue(String itemId, long deadlineMs, long nowMs) {
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
}
