package dev.slamonitor.processor.kernel;

import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.topic.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The one way records reach the dead-letter topic: original key and bytes as the record, reason and
 * source coordinates as headers, and the {@code slamon_dead_letters_total{reason,stage}} counter
 * incremented. Every feature that refuses input routes its rejections through {@link #route}; what
 * no feature foresaw (any exception or error while processing one record) reaches the same topic with
 * the same headers and counter through {@link #letterFor}, which {@link DeadLetterExceptionHandler}
 * hands to Kafka Streams' own dead-letter mechanism.
 */
public final class DeadLetterSink {

    public static final String METRIC = "slamon.dead.letters";

    /** Key under which the Streams properties carry this sink to {@link DeadLetterExceptionHandler}. */
    public static final String CONFIG_KEY = "slamon.dead.letter.sink";

    private final TopicSpec<String, byte[]> topic;
    private final MeterRegistry registry;

    public DeadLetterSink(TopicSpec<String, byte[]> topic, MeterRegistry registry) {
        this.topic = topic;
        this.registry = registry;
    }

    /** @param stage kebab-case name of the refusing step, used in node names and the metric's label */
    public void route(KStream<String, Rejection> rejections, String stage) {
        route(rejections, Function.identity(), stage);
    }

    /**
     * Routes records that carry a rejection (an output kind, a refused result): the writer takes the
     * rejection out itself, so no unwrap node stands between the refusing step and this sink.
     *
     * @param stage kebab-case name of the refusing step, used in node names and the metric's label
     */
    public <V> void route(KStream<String, V> refusals, Function<? super V, Rejection> rejection, String stage) {
        refusals
                .processValues(() -> new Writer<V>(stage, rejection), Named.as(stage + "-dead-letter-write"))
                .to(topic.name(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(stage + "-dead-letter-sink"));
    }

    /**
     * A dead letter for the record Kafka Streams was processing when {@code failure} was thrown: the
     * source record's original key and value bytes, reason {@code PROCESSING_ERROR}, the failure's
     * type and message and the node in the detail. Counted like every other dead letter.
     */
    public ProducerRecord<byte[], byte[]> letterFor(ErrorHandlerContext context, Throwable failure, String stage) {
        String detail = "node " + context.processorNodeId() + ": " + failure.getClass().getName()
                + (failure.getMessage() == null ? "" : ": " + firstLine(failure.getMessage()));
        DeadLetter letter = new DeadLetter(DeadLetterReason.PROCESSING_ERROR, detail, context.topic() == null ? "" : context.topic(),
                context.partition(), context.offset(), Instant.now());
        count(DeadLetterReason.PROCESSING_ERROR, stage);
        return new ProducerRecord<>(topic.name(), null, context.sourceRawKey(), context.sourceRawValue(), letter.toHeaders());
    }

    private void count(DeadLetterReason reason, String stage) {
        Counter.builder(METRIC).description("Records sent to the dead-letter topic")
                .tag("reason", reason.name()).tag("stage", stage)
                .register(registry).increment();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    private final class Writer<V> implements FixedKeyProcessor<String, V, byte[]> {
        private final String stage;
        private final Function<? super V, Rejection> rejectionOf;
        private FixedKeyProcessorContext<String, byte[]> context;

        private Writer(String stage, Function<? super V, Rejection> rejectionOf) {
            this.stage = stage;
            this.rejectionOf = rejectionOf;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            Rejection rejection = rejectionOf.apply(record.value());
            RecordMetadata source = context.recordMetadata().orElse(null);
            DeadLetter letter = new DeadLetter(rejection.reason(), rejection.detail(),
                    source == null ? "" : source.topic(), source == null ? -1 : source.partition(),
                    source == null ? -1 : source.offset(), Instant.now());
            count(rejection.reason(), stage);
            context.forward(record.withValue(rejection.value()).withHeaders(letter.toHeaders()));
        }
    }
}
