package dev.slamonitor.processor.kernel;

import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Wraps every processor of the topology (Kafka Streams' {@code processor.wrapper.class}) so that an
 * {@link Error} thrown while processing one record becomes a {@link RecordProcessingError}, which the
 * processing exception handler turns into a dead letter. VirtualMachineErrors other than a stack
 * overflow (OutOfMemoryError, InternalError) are left alone: they say nothing about the record.
 */
public final class ErrorContainingProcessorWrapper implements ProcessorWrapper {

    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        return new WrappedProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return new Contained<>(supplier.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        return new WrappedFixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<KIn, VIn, VOut> get() {
                return new ContainedFixedKey<>(supplier.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    static RuntimeException contain(Error error) {
        if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
            throw error;
        }
        return new RecordProcessingError(error);
    }

    private record Contained<KIn, VIn, KOut, VOut>(Processor<KIn, VIn, KOut, VOut> inner) implements Processor<KIn, VIn, KOut, VOut> {
        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            inner.init(context);
        }

        @Override
        public void process(Record<KIn, VIn> record) {
            try {
                inner.process(record);
            } catch (Error e) {
                throw contain(e);
            }
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private record ContainedFixedKey<KIn, VIn, VOut>(FixedKeyProcessor<KIn, VIn, VOut> inner) implements FixedKeyProcessor<KIn, VIn, VOut> {
        @Override
        public void init(FixedKeyProcessorContext<KIn, VOut> context) {
            inner.init(context);
        }

        @Override
        public void process(FixedKeyRecord<KIn, VIn> record) {
            try {
                inner.process(record);
            } catch (Error e) {
                throw contain(e);
            }
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
