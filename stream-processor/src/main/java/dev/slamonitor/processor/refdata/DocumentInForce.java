package dev.slamonitor.processor.refdata;

import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The one document under a fixed key that a processor applies (a governance policy id, the
 * taxonomy's key), read through a {@link DocumentLookup} on every call, so a published change applies
 * to the next record on every task. Created with the processor, bound in its {@code init}; one per
 * processor instance.
 */
public final class DocumentInForce<T> {

    private final DocumentChannel<T> channel;
    private final String key;
    private final T fallback;
    private DocumentLookup<T> lookup;

    DocumentInForce(DocumentChannel<T> channel, String key, T fallback) {
        this.channel = channel;
        this.key = key;
        this.fallback = fallback;
    }

    public void init(ProcessingContext context) {
        this.lookup = channel.lookup(context, fallback);
    }

    /** The document in force, or the bundled fallback until one has been published. */
    public T current() {
        return lookup.current(key);
    }
}
