package dev.slamonitor.processor.knowledge;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.knowledge.domain.TaxonomyReader;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.processor.refdata.DocumentChannel;
import dev.slamonitor.processor.refdata.DocumentKind;
import dev.slamonitor.processor.refdata.SeedingPolicy;
import dev.slamonitor.processor.refdata.TombstonePolicy;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The root-cause taxonomy as reference data (docs/adr/0009-reference-document-channel.md): one
 * versioned document under {@link Taxonomy#DOCUMENT_KEY}; a tombstone is refused; the built-in
 * document is published when the topic holds no record at all.
 */
public final class TaxonomyChannel {

    static final String BUILT_IN = "/knowledge/root-cause-taxonomy.json";
    /** Document key -> version and content hash in force. */
    static final String VERSIONS_STORE = "knowledge-taxonomy-versions";

    private TaxonomyChannel() {
    }

    /** The reader depends on {@code knowledge.window.max}, so the channel is built from the settings. */
    static DocumentChannel<Taxonomy> of(KnowledgeSettings settings) {
        return new DocumentChannel<>(DocumentKind.builder("knowledge-taxonomy", "taxonomy", DeadLetterReason.INVALID_TAXONOMY,
                        new TaxonomyReader(settings.maxWindow())::read)
                .key(doc -> Taxonomy.DOCUMENT_KEY).version(Taxonomy::version).tombstones(TombstonePolicy.REFUSE)
                .stores(VERSIONS_STORE, KnowledgeStores.TAXONOMY).build());
    }

    static void addTo(StreamsBuilder builder, TopologyEnv env, DocumentChannel<Taxonomy> channel) {
        channel.addTo(builder, env, env.topics().rootCauseTaxonomy().name(), env.topics().rootCauseTaxonomyActive().name());
    }

    /** The built-in taxonomy, validated like any published one; an invalid one fails start-up. */
    static BundledDocument<Taxonomy> builtIn(DocumentChannel<Taxonomy> channel) {
        return BundledDocument.load(TaxonomyChannel.class, BUILT_IN, channel.kind().reader());
    }

    /** @return true when the built-in document was published ({@code knowledge.taxonomy.seed}) */
    public static boolean seedIfEmpty(AppConfig config, Topics topics) {
        if (!config.bool("knowledge.taxonomy.seed")) {
            return false;
        }
        DocumentChannel<Taxonomy> channel = of(KnowledgeSettings.from(config));
        return channel.seed(KafkaClientConfig.common(config), topics.rootCauseTaxonomy().name(), builtIn(channel),
                SeedingPolicy.IF_TOPIC_EMPTY);
    }
}
