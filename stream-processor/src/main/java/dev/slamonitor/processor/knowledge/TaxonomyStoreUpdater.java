package dev.slamonitor.processor.knowledge;

import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global taxonomy store in step with the active-taxonomy topic. That topic only ever holds
 * validated documents (written by {@link TaxonomyValidator}), which matters because Kafka Streams
 * restores a global store by copying the topic's bytes, without this processor.
 */
final class TaxonomyStoreUpdater implements Processor<String, Taxonomy, Void, Void> {

    private KeyValueStore<String, Taxonomy> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(KnowledgeStores.TAXONOMY);
    }

    @Override
    public void process(Record<String, Taxonomy> record) {
        if (Taxonomy.DOCUMENT_KEY.equals(record.key()) && record.value() != null) {
            store.put(record.key(), record.value());
        }
    }
}
