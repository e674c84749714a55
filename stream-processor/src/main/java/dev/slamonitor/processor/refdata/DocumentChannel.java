package dev.slamonitor.processor.refdata;

import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.processor.kernel.Results;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.Stores;

/**
 * Reference data as a channel: documents anyone may publish, of which only valid ones ever apply.
 * <pre>
 *   document topic -> {stage}-validate -> valid topic -> global store {globalStore} -> {@link DocumentLookup}
 *                                     \-> dead-letters ({reason})
 * </pre>
 * A topic cannot be both a stream source (to validate and dead-letter) and a global-store source in
 * one topology, a global-store processor cannot forward, and a global store is restored by copying
 * its topic's bytes without its processor; so validation is a stream step whose output topic alone
 * feeds the global store, and that topic holds nothing that did not validate. Every task reads the
 * global store, so a published change applies at once and without a restart.
 */
public final class DocumentChannel<T> {

    /** Suffix of a valid topic's default name: {@code <document topic>-valid}. */
    public static final String VALID_SUFFIX = "-valid";

    private final DocumentKind<T> kind;

    public DocumentChannel(DocumentKind<T> kind) {
        this.kind = kind;
    }

    public DocumentKind<T> kind() {
        return kind;
    }

    /** Wires {@code documentTopic} -> validate -> {@code validTopic} -> the global store, every node named. */
    public void addTo(StreamsBuilder builder, TopologyEnv env, String documentTopic, String validTopic) {
        String stage = kind.stage();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(kind.versionStore()),
                Serdes.String(), Serdes.String()));
        Results.catchErrors(builder.stream(documentTopic, Consumed.with(Serdes.String(), Serdes.ByteArray())
                                .withName(stage + "-source"))
                        .processValues(() -> new DocumentValidator<>(kind), Named.as(stage + "-validate"), kind.versionStore()),
                        env.deadLetters(), stage)
                .to(validTopic, Produced.with(Serdes.String(), Serdes.ByteArray()).withName(stage + "-valid-sink"));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(kind.globalStore()),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                validTopic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(stage + "-store-source"),
                () -> new DocumentStoreUpdater(kind.globalStore()));
    }

    /** A processor's view of the documents in force, falling back to {@code fallback}; call from {@code init}. */
    public DocumentLookup<T> lookup(ProcessingContext context, T fallback) {
        return new DocumentLookup<>(context.getStateStore(kind.globalStore()), kind.reader(), fallback);
    }

    /** The document under {@code key} for one processor; bind it in the processor's {@code init}. */
    public DocumentInForce<T> inForce(String key, T fallback) {
        return new DocumentInForce<>(this, key, fallback);
    }

    /**
     * Publishes {@code bundled} to {@code documentTopic} under its key if {@code policy} says so.
     *
     * @return true if it was published
     */
    public boolean seed(Map<String, Object> clientConfig, String documentTopic, BundledDocument<T> bundled, SeedingPolicy policy) {
        T document = bundled.document();
        return DocumentSeeder.seed(clientConfig, documentTopic, kind.keyOf().apply(document), bundled.bytes(),
                kind.versionOf().applyAsInt(document), this::versionOf, policy);
    }

    /** The version of a document's bytes, 0 if they do not read as a valid document. */
    private int versionOf(byte[] bytes) {
        Result<T> read = kind.reader().read(bytes);
        return read.isOk() ? kind.versionOf().applyAsInt(read.value()) : 0;
    }
}
