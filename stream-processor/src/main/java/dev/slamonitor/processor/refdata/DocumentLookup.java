package dev.slamonitor.processor.refdata;

import dev.slamonitor.processor.kernel.Result;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processor's typed view of a global document store. Each distinct document is parsed once and
 * reused while its bytes stay the same (parsing per record would cost more than most processing
 * steps); a key without a document, or one this reader refuses, gives the bundled fallback. Reading
 * the global store, not a copy, is what makes a published change apply at run time on every task.
 * Not thread-safe: one per processor instance.
 */
public final class DocumentLookup<T> {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentLookup.class);

    private record Parsed<T>(byte[] bytes, T document) {
    }

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private final DocumentReader<T> reader;
    private final T fallback;
    /** Parsed documents by key, from lookups and refreshes alike. */
    private Map<String, Parsed<T>> parsed = new HashMap<>();
    /** What the last refresh saw, to tell whether the set of documents changed. */
    private Map<String, Parsed<T>> refreshed = Map.of();
    private Map<String, T> documents = Map.of();

    public DocumentLookup(ReadOnlyKeyValueStore<String, byte[]> store, DocumentReader<T> reader, T fallback) {
        this.store = store;
        this.reader = reader;
        this.fallback = fallback;
    }

    /** The document in force under {@code key}, or the bundled fallback. */
    public T current(String key) {
        byte[] bytes = store.get(key);
        if (bytes == null) {
            return fallback;
        }
        T document = parse(key, bytes, parsed);
        return document == null ? fallback : document;
    }

    /**
     * Re-reads the whole (small) store, parsing only documents whose bytes changed.
     *
     * @return true if the set of documents in force changed since the last refresh
     */
    public boolean refresh() {
        Map<String, Parsed<T>> next = new HashMap<>();
        Map<String, T> valid = new HashMap<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> kv = all.next();
                T document = parse(kv.key, kv.value, next);
                if (document != null) {
                    valid.put(kv.key, document);
                }
            }
        }
        boolean changed = !sameBytes(next);
        parsed = new HashMap<>(next);
        refreshed = next;
        documents = Map.copyOf(valid);
        return changed;
    }

    /** The valid documents in force as of the last {@link #refresh()}, by key. */
    public Map<String, T> documents() {
        return documents;
    }

    public T fallback() {
        return fallback;
    }

    /** The cached document for equal bytes, else a fresh parse recorded in {@code into}; null if refused. */
    private T parse(String key, byte[] bytes, Map<String, Parsed<T>> into) {
        Parsed<T> known = parsed.get(key);
        if (known != null && Arrays.equals(known.bytes(), bytes)) {
            into.put(key, known);
            return known.document();
        }
        Result<T> read = reader.read(bytes);
        if (read.isRefused()) {
            // only validated documents reach the store; this means a different reader version
            LOG.warn("Document {} in the global store does not validate here and is ignored: {}", key, read.detail());
        }
        into.put(key, new Parsed<>(bytes, read.value()));
        return read.value();
    }

    private boolean sameBytes(Map<String, Parsed<T>> next) {
        if (next.size() != refreshed.size()) {
            return false;
        }
        for (Map.Entry<String, Parsed<T>> e : next.entrySet()) {
            Parsed<T> before = refreshed.get(e.getKey());
            if (before == null || !Arrays.equals(before.bytes(), e.getValue().bytes())) {
                return false;
            }
        }
        return true;
    }
}
