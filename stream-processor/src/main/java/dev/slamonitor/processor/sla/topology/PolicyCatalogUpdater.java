package dev.slamonitor.processor.sla.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global policy catalog store equal to the valid-policies topic: put on a value, delete on
 * a tombstone. Only validated policies ever reach that topic, so the catalog never holds a policy
 * that does not validate.
 */
final class PolicyCatalogUpdater implements Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, byte[]> catalog;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.catalog = context.getStateStore(SlaStores.POLICY_CATALOG);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            catalog.delete(record.key());
        } else {
            catalog.put(record.key(), record.value());
        }
    }
}
