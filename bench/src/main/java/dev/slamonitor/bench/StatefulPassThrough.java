package dev.slamonitor.bench;

import dev.slamonitor.processor.TopologyEnv;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The stateful pass-through of part (a), the fair reference for any per-ticket topology: per event
 * one store get and one put of a value the size of the SLA ticket value, and one output the size of
 * a snapshot, with nothing else.
 */
final class StatefulPassThrough implements FixedKeyProcessor<String, byte[], byte[]> {

    /** Size of the store value: about the SLA topology's per-ticket value. */
    static final int VALUE_BYTES = Integer.getInteger("bench.stateful.valueBytes", 1_100);
    /** Size of the output: about one snapshot on the state topic. */
    static final int OUTPUT_BYTES = Integer.getInteger("bench.stateful.outputBytes", 1_500);

    private FixedKeyProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> store;

    /**
     * The I/O any per-ticket topology must do, with nothing else: per event one store get and one put
     * of a value the size of the SLA ticket value, and one output the size of a snapshot, on the same
     * Streams settings (exactly-once, the same record cache on the store). The fair reference for the
     * SLA topology; the identity pass-through never touches state.
     */
    static Topology topology(TopologyEnv env) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("bench-stateful-values"),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.stream(env.topics().events().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-stateful-source"))
                .processValues(StatefulPassThrough::new, Named.as("bench-stateful-apply"), "bench-stateful-values")
                .to(env.topics().state().name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-stateful-sink"));
        return builder.build();
    }


    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore("bench-stateful-values");
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        byte[] old = store.get(record.key());
        // a new array per event, as a serializer produces, with content that changes
        byte[] next = old == null ? new byte[VALUE_BYTES] : old.clone();
        next[record.value().length % next.length]++;
        store.put(record.key(), next);
        byte[] out = new byte[OUTPUT_BYTES];
        System.arraycopy(next, 0, out, 0, Math.min(next.length, out.length));
        context.forward(record.withValue(out));
    }
}
