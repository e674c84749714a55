package dev.slamonitor.processor.kernel;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' processing and deserialization exception handler: the record that failed becomes a
 * dead letter (through {@link DeadLetterSink#letterFor}, so with our headers and counter) written by
 * Streams in the same transaction, and processing resumes with the next record. Errors are handled
 * too: {@link ErrorContainingProcessorWrapper} turns an Error thrown by any processor into a
 * {@link RecordProcessingError}, which reaches this handler instead of killing the stream thread.
 * Never throws: a failure here would fail the task and replay the record forever.
 */
public final class DeadLetterExceptionHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private DeadLetterSink sink;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(DeadLetterSink.CONFIG_KEY);
        if (!(configured instanceof DeadLetterSink deadLetters)) {
            throw new ConfigException(DeadLetterSink.CONFIG_KEY, configured,
                    "the Streams properties must carry the application's DeadLetterSink (TopologyEnv.streamsProperties)");
        }
        this.sink = deadLetters;
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        Throwable failure = exception instanceof RecordProcessingError contained ? contained.getCause() : exception;
        return ProcessingExceptionHandler.Response.resume(letter(context, failure, "processing"));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        return DeserializationExceptionHandler.Response.resume(letter(context, exception, "deserialization"));
    }

    private List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> letter(ErrorHandlerContext context, Throwable failure,
                                                                                          String stage) {
        try {
            LOG.warn("Dead-lettering the record at {}-{}@{} after a failure in {}: {}", context.topic(), context.partition(),
                    context.offset(), context.processorNodeId(), failure.toString());
            return List.of(sink.letterFor(context, failure, stage));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("Could not build the dead letter for {}-{}@{}; the record is skipped", context.topic(), context.partition(),
                    context.offset(), e);
            return List.of();
        }
    }
}
