package dev.slamonitor.processor.knowledge;

import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import dev.slamonitor.processor.knowledge.domain.Occurrence;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.refdata.DocumentInForce;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The per-tag half of the knowledge loop (key: the bucket, i.e. a taxonomy tag or {@code unknown}).
 * It only wires and routes; each job has its own class:
 * <ul>
 *   <li>{@link DriftTracker}: counting resolutions in event time, drift alerts and re-arming, stats;</li>
 *   <li>{@link KnowledgeGapRule}: the closure rule (KNOWLEDGE_GAP);</li>
 *   <li>{@link RemediationItems}: opening, closing and overdue remediation items.</li>
 * </ul>
 *
 * <p>Time: re-arming is checked on every resolution of the tag and by a STREAM_TIME punctuator, since
 * counts only fall as event time moves on. Remediation due dates are checked by a WALL_CLOCK_TIME
 * punctuator ({@link TimerPunctuation}) over a {@link DeadlineIndex}, so an overdue item alerts
 * without further input.
 */
final class RootCauseProcessor implements Processor<String, TagInput, String, TagOutput> {

    static final String FEATURE = "knowledge-remediation";

    private final KnowledgeSettings settings;
    private final KnowledgeMetrics metrics;
    private final DocumentInForce<Taxonomy> taxonomy;
    private final TimerPunctuation timers;
    private RemediationItems items;
    private DriftTracker drift;
    private KnowledgeGapRule gapRule;
    private String taskId;

    RootCauseProcessor(KnowledgeSettings settings, KnowledgeMetrics metrics, DocumentInForce<Taxonomy> taxonomy) {
        this.settings = settings;
        this.metrics = metrics;
        this.taxonomy = taxonomy;
        this.timers = metrics.timers(FEATURE, settings);
    }

    @Override
    public void init(ProcessorContext<String, TagOutput> context) {
        taxonomy.init(context);
        this.taskId = context.taskId().toString();
        this.items = new RemediationItems(context, metrics, taxonomy);
        this.drift = new DriftTracker(context, settings, metrics, items);
        this.gapRule = new KnowledgeGapRule(context, metrics);
        timers.start(context, items.dueDates(), items::onDue);
        context.schedule(settings.rearmInterval(), PunctuationType.STREAM_TIME, streamTime -> drift.recheck(taxonomy.current(), streamTime));
    }

    @Override
    public void process(Record<String, TagInput> record) {
        TagInput input = record.value();
        if (input.resolution() != null) {
            Taxonomy tx = taxonomy.current();
            List<Occurrence> seen = drift.count(tx, record.key(), input.resolution(), record);
            gapRule.apply(tx, record.key(), input.resolution(), seen, record);
        } else {
            items.close(input.close(), record);
        }
    }

    @Override
    public void close() {
        metrics.taskClosed(taskId);
    }
}
