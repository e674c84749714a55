package dev.slamonitor.processor.refdata;

import dev.slamonitor.deadletter.DeadLetterReason;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Everything that differs between two kinds of reference document; the channel does the rest.
 *
 * @param stage        kebab-case prefix of every node name and the dead-letter metric's stage label
 * @param name         what one document is called in refusal messages ("policy", "taxonomy")
 * @param reason       the dead-letter reason of a refused document
 * @param reader       reads and validates one document
 * @param keyOf        the record key a valid document must be published under
 * @param versionOf    the document's version (never goes back; one version names one content)
 * @param tombstones   what a tombstone means for this kind
 * @param versionStore name of the validator's store of versions in force (also its changelog's name)
 * @param globalStore  name of the global store of validated documents
 */
public record DocumentKind<T>(String stage, String name, DeadLetterReason reason, DocumentReader<T> reader,
                              Function<T, String> keyOf, ToIntFunction<T> versionOf, TombstonePolicy tombstones,
                              String versionStore, String globalStore) {

    public DocumentKind {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(keyOf, "keyOf");
        Objects.requireNonNull(versionOf, "versionOf");
        Objects.requireNonNull(tombstones, "tombstones");
        Objects.requireNonNull(versionStore, "versionStore");
        Objects.requireNonNull(globalStore, "globalStore");
    }

    /** Starts a kind; stores default to {@code <stage>-versions} and {@code <stage>-store}. */
    public static <T> Builder<T> builder(String stage, String name, DeadLetterReason reason, DocumentReader<T> reader) {
        return new Builder<>(stage, name, reason, reader);
    }

    /** Named steps instead of a nine-argument constructor. */
    public static final class Builder<T> {
        private final String stage;
        private final String name;
        private final DeadLetterReason reason;
        private final DocumentReader<T> reader;
        private Function<T, String> keyOf;
        private ToIntFunction<T> versionOf;
        private TombstonePolicy tombstones = TombstonePolicy.REFUSE;
        private String versionStore;
        private String globalStore;

        private Builder(String stage, String name, DeadLetterReason reason, DocumentReader<T> reader) {
            this.stage = stage;
            this.name = name;
            this.reason = reason;
            this.reader = reader;
            this.versionStore = stage + "-versions";
            this.globalStore = stage + "-store";
        }

        /** The key rule: a document is valid only under the key this function gives it. */
        public Builder<T> key(Function<T, String> keyOf) {
            this.keyOf = keyOf;
            return this;
        }

        public Builder<T> version(ToIntFunction<T> versionOf) {
            this.versionOf = versionOf;
            return this;
        }

        public Builder<T> tombstones(TombstonePolicy tombstones) {
            this.tombstones = tombstones;
            return this;
        }

        /** Store names, for kinds whose stores existed before the channel (their state stays). */
        public Builder<T> stores(String versionStore, String globalStore) {
            this.versionStore = versionStore;
            this.globalStore = globalStore;
            return this;
        }

        public DocumentKind<T> build() {
            return new DocumentKind<>(stage, name, reason, reader, keyOf, versionOf, tombstones, versionStore, globalStore);
        }
    }
}
