package dev.slamonitor.processor.knowledge;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.kernel.OutputRoutes;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.processor.kernel.Results;
import dev.slamonitor.processor.refdata.DocumentChannel;
import dev.slamonitor.processor.knowledge.domain.DriftState;
import dev.slamonitor.processor.knowledge.domain.KnowledgeTicket;
import dev.slamonitor.processor.knowledge.domain.Occurrence;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.store.CheckpointFileWindowStores;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.topic.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The knowledge loop (root-cause drift, remediation items, closure rule, RCA due, handoff contract).
 *
 * <pre>
 * root-cause-taxonomy --validate--> root-cause-taxonomy-active --> global store knowledge-taxonomy
 *                         \--invalid--> dead-letters (INVALID_TAXONOMY)
 * ticket events (key ticketId) --knowledge-ticket-apply--> alerts (HANDOFF_INCOMPLETE, PING_PONG, RCA_OVERDUE)
 *                                      \--resolutions (key bucket)--\
 * remediation-events --parse--> close requests (key tag) ------------+--> repartition knowledge-by-tag
 *                        \--invalid--> dead-letters                        --knowledge-root-cause-apply-->
 *      alerts (DRIFT, KNOWLEDGE_GAP, REMEDIATION_OVERDUE), root-cause-stats, remediation-items, dead-letters
 * </pre>
 *
 * The taxonomy is a reference-document channel ({@link TaxonomyChannel}, ADR 0009): only valid
 * documents reach the global store's own topic.
 */
public final class KnowledgeTopology {

    private KnowledgeTopology() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, TicketEvent> events, TopologyEnv env) {
        Topics topics = env.topics();
        KnowledgeSettings settings = KnowledgeSettings.from(env.config());
        KnowledgeMetrics metrics = new KnowledgeMetrics(env.metrics(), env.alerts());
        DocumentChannel<Taxonomy> taxonomies = TaxonomyChannel.of(settings);
        Taxonomy builtIn = TaxonomyChannel.builtIn(taxonomies).document();

        TaxonomyChannel.addTo(builder, env, taxonomies);
        addStores(builder, settings);

        KStream<String, KnowledgeOutput> ticketOutputs = events
                .process(() -> new TicketKnowledgeProcessor(settings, metrics,
                        taxonomies.inForce(Taxonomy.DOCUMENT_KEY, builtIn)), Named.as("knowledge-ticket-apply"),
                        KnowledgeStores.TICKETS, KnowledgeStores.RCA_DEADLINES);
        OutputRoutes<KnowledgeOutput> ticketRoutes = OutputRoutes.of(ticketOutputs, KnowledgeOutput.class, "knowledge-ticket")
                .toTopic(KnowledgeOutput.Raised.class, "alert", topics.alerts(), KnowledgeOutput.Raised::alert);
        // merged with the close requests: the repartition's value is the plain tag input
        KStream<String, TagInput> resolutions = ticketRoutes.stream(KnowledgeOutput.Resolved.class, "resolution")
                .mapValues(KnowledgeOutput.Resolved::tagInput, Named.as("knowledge-ticket-resolution-unwrap"));
        ticketRoutes.end();

        KStream<String, Result<TagInput>> parsedCloses = builder.stream(topics.remediationEvents().name(),
                        Consumed.with(topics.remediationEvents().keySerde(), topics.remediationEvents().valueSerde())
                                .withName("knowledge-remediation-events-source"))
                .processValues(RemediationEventParser::new, Named.as("knowledge-remediation-parse"));
        KStream<String, TagInput> closes = Results.catchErrors(parsedCloses, env.deadLetters(), "knowledge-remediation-events")
                .selectKey((itemId, input) -> RemediationItem.tagOf(itemId), Named.as("knowledge-remediation-key-by-tag"));

        KStream<String, TagOutput> tagOutputs = resolutions.merge(closes, Named.as("knowledge-tag-inputs-merge"))
                .repartition(Repartitioned.<String, TagInput>as("knowledge-by-tag")
                        .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(TagInput.class)))
                .process(() -> new RootCauseProcessor(settings, metrics,
                        taxonomies.inForce(Taxonomy.DOCUMENT_KEY, builtIn)), Named.as("knowledge-root-cause-apply"),
                        KnowledgeStores.OCCURRENCES, KnowledgeStores.DRIFT, KnowledgeStores.ITEMS,
                        KnowledgeStores.REMEDIATION_DEADLINES);
        OutputRoutes.of(tagOutputs, TagOutput.class, "knowledge-tag")
                .toTopic(TagOutput.Raised.class, "alert", topics.alerts(), TagOutput.Raised::alert)
                .toTopic(TagOutput.Stats.class, "stats", topics.rootCauseStats(), TagOutput.Stats::stats)
                .toTopic(TagOutput.Item.class, "item", topics.remediationItems(), TagOutput.Item::item)
                .toDeadLetters(TagOutput.Refused.class, "rejection", env.deadLetters(), TagOutput.Refused::rejection,
                        "knowledge-remediation-items")
                .end();
    }

    private static void addStores(StreamsBuilder builder, KnowledgeSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KnowledgeStores.TICKETS),
                Serdes.String(), JsonSerde.of(KnowledgeTicket.class)));
        builder.addStateStore(DeadlineIndex.storeBuilder(KnowledgeStores.RCA_DEADLINES));
        // retainDuplicates: several tickets may resolve with one cause in the same millisecond
        builder.addStateStore(Stores.windowStoreBuilder(CheckpointFileWindowStores.persistent(KnowledgeStores.OCCURRENCES,
                settings.retention(), Duration.ofMillis(1), true), Serdes.String(), JsonSerde.of(Occurrence.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KnowledgeStores.DRIFT),
                Serdes.String(), JsonSerde.of(DriftState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(KnowledgeStores.ITEMS),
                Serdes.String(), JsonSerde.of(RemediationItem.class)));
        builder.addStateStore(DeadlineIndex.storeBuilder(KnowledgeStores.REMEDIATION_DEADLINES));
    }
}
