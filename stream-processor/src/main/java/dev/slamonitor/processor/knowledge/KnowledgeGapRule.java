package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.processor.knowledge.domain.KnowledgeAlerts;
import dev.slamonitor.processor.knowledge.domain.Occurrence;
import dev.slamonitor.processor.knowledge.domain.ResolvedCause;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.knowledge.domain.WindowCount;
import dev.slamonitor.processor.knowledge.domain.WindowCounter;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The closure rule: a repeated root cause (at least the policy's {@code repeatMinimum} within the
 * longest window) resolved without an SOP decision raises KNOWLEDGE_GAP, a one-off record. Also feeds
 * the repeat escalation rate.
 */
final class KnowledgeGapRule {

    private final ProcessorContext<String, TagOutput> context;
    private final KnowledgeMetrics metrics;

    KnowledgeGapRule(ProcessorContext<String, TagOutput> context, KnowledgeMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    /** @param seen the bucket's occurrences within the longest window, this resolution included */
    void apply(Taxonomy tx, String bucket, ResolvedCause cause, List<Occurrence> seen, Record<String, TagInput> record) {
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
}
