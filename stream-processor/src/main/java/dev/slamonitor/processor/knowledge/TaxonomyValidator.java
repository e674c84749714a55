package dev.slamonitor.processor.knowledge;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.ingest.Rejection;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.knowledge.domain.TaxonomyReader;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each document published on the taxonomy topic as a whole. A valid one goes on, normalized,
 * to the active-taxonomy topic (the global store's only source); an invalid one, or one under another
 * key, becomes an INVALID_TAXONOMY dead letter naming every violation, and the taxonomy in force
 * stays as it was.
 */
final class TaxonomyValidator implements FixedKeyProcessor<String, byte[], TaxonomyValidator.Checked> {

    private static final Logger LOG = LoggerFactory.getLogger(TaxonomyValidator.class);
    private static final JsonSerde<Taxonomy> JSON = JsonSerde.of(Taxonomy.class);

    /** Exactly one of the normalized document or the rejection is set. */
    record Checked(byte[] taxonomy, Rejection rejection) {
    }

    private final TaxonomyReader reader;
    private FixedKeyProcessorContext<String, Checked> context;

    TaxonomyValidator(TaxonomyReader reader) {
        this.reader = reader;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        if (!Taxonomy.DOCUMENT_KEY.equals(record.key())) {
            reject(record, "record key '" + record.key() + "' is not '" + Taxonomy.DOCUMENT_KEY
                    + "': the taxonomy is one document under that key");
            return;
        }
        TaxonomyReader.Result result = reader.read(record.value());
        if (!result.isValid()) {
            reject(record, String.join("; ", result.violations()));
            return;
        }
        LOG.info("Taxonomy version {} accepted ({} tags, windows {})", result.taxonomy().version(),
                result.taxonomy().tags().size(), result.taxonomy().windows());
        context.forward(record.withValue(new Checked(JSON.serializer().serialize(null, result.taxonomy()), null)));
    }

    private void reject(FixedKeyRecord<String, byte[]> record, String detail) {
        LOG.warn("Taxonomy document refused, the one in force stays: {}", detail);
        context.forward(record.withValue(new Checked(null,
                new Rejection(DeadLetterReason.INVALID_TAXONOMY, detail, record.value()))));
    }
}
