package dev.slamonitor.processor.knowledge;

import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.knowledge.domain.TaxonomyReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The taxonomy in force for a processor: the document in the global taxonomy store, or the built-in
 * default until one has arrived (first start, or a topic managed elsewhere). Reading the global store
 * on every record is what makes a published change apply at run time without a restart.
 */
final class TaxonomyLookup {

    static final String BUILT_IN_RESOURCE = "/knowledge/root-cause-taxonomy.json";

    private final KeyValueStore<String, Taxonomy> store;
    private final Taxonomy builtIn;

    private TaxonomyLookup(KeyValueStore<String, Taxonomy> store, Taxonomy builtIn) {
        this.store = store;
        this.builtIn = builtIn;
    }

    static TaxonomyLookup of(ProcessingContext context, Taxonomy builtIn) {
        return new TaxonomyLookup(context.getStateStore(KnowledgeStores.TAXONOMY), builtIn);
    }

    Taxonomy current() {
        Taxonomy published = store.get(Taxonomy.DOCUMENT_KEY);
        return published != null ? published : builtIn;
    }

    /** The built-in document's bytes, as shipped in the jar. */
    static byte[] builtInBytes() {
        try (InputStream in = TaxonomyLookup.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + BUILT_IN_RESOURCE + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUILT_IN_RESOURCE, e);
        }
    }

    /** The built-in taxonomy, validated like any published one; an invalid one fails start-up. */
    static Taxonomy builtIn(Duration maxWindow) {
        TaxonomyReader.Result result = new TaxonomyReader(maxWindow).read(builtInBytes());
        if (!result.isValid()) {
            throw new IllegalStateException("The built-in taxonomy " + BUILT_IN_RESOURCE + " is invalid: "
                    + result.violations());
        }
        return result.taxonomy();
    }
}
