package dev.slamonitor.processor.kernel;

/**
 * An {@link Error} (StackOverflowError, an assertion, a linkage problem) thrown while one record was
 * processed, carried as an exception: Kafka Streams hands exceptions to the processing exception
 * handler but lets Errors kill the stream thread, which would replay the record forever.
 */
public final class RecordProcessingError extends RuntimeException {

    public RecordProcessingError(Error cause) {
        super(cause.toString(), cause);
    }
}
