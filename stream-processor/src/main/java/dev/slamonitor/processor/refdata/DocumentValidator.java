package dev.slamonitor.processor.refdata;

import dev.slamonitor.processor.kernel.Result;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The gatekeeper of a document topic. A document passes, byte for byte, only if it reads whole
 * ({@link DocumentReader}), its record key is the key the document names, and its version is newer
 * than the one in force, or the same version with the same content (a harmless re-publication).
 * Anything else is refused with the kind's dead-letter reason and a message naming the problem; the
 * document in force stays. A tombstone is handled by the kind's {@link TombstonePolicy}.
 */
final class DocumentValidator<T> implements FixedKeyProcessor<String, byte[], Result<byte[]>> {

    private final DocumentKind<T> kind;
    private FixedKeyProcessorContext<String, Result<byte[]>> context;
    private KeyValueStore<String, String> versions;

    DocumentValidator(DocumentKind<T> kind) {
        this.kind = kind;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Result<byte[]>> context) {
        this.context = context;
        this.versions = context.getStateStore(kind.versionStore());
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        context.forward(record.withValue(check(record.key(), record.value())));
    }

    private Result<byte[]> check(String key, byte[] bytes) {
        if (key == null) {
            return refuse("a " + kind.name() + " needs a record key", bytes);
        }
        if (bytes == null) {
            if (kind.tombstones() == TombstonePolicy.REFUSE) {
                return refuse("a tombstone cannot remove the " + kind.name() + " '" + key
                        + "'; publish a new version instead", null);
            }
            versions.delete(key);
            return Result.ok(null);
        }
        Result<T> read = kind.reader().read(bytes);
        if (read.isRefused()) {
            return refuse(kind.name() + " '" + key + "' refused: " + read.detail(), bytes);
        }
        String expected = kind.keyOf().apply(read.value());
        if (!expected.equals(key)) {
            return refuse("record key '" + key + "' differs from the " + kind.name() + "'s key '" + expected
                    + "'; publish it under its own key", bytes);
        }
        VersionStamp stamp = VersionStamp.of(kind.versionOf().applyAsInt(read.value()), bytes);
        String stored = versions.get(key);
        if (stored != null) {
            VersionStamp inForce = VersionStamp.parse(stored);
            if (stamp.version() < inForce.version()) {
                return refuse(kind.name() + " '" + key + "' version " + stamp.version() + " is older than version "
                        + inForce.version() + " in force", bytes);
            }
            if (stamp.version() == inForce.version() && !stamp.digest().equals(inForce.digest())) {
                return refuse(kind.name() + " '" + key + "' version " + stamp.version()
                        + " is already in force with other content; publish changes under a new version", bytes);
            }
        }
        versions.put(key, stamp.stored());
        return Result.ok(bytes);
    }

    private Result<byte[]> refuse(String detail, byte[] bytes) {
        return Result.refused(kind.reason(), detail, bytes);
    }
}
