package dev.slamonitor.processor.kernel;

/**
 * The wall-clock instant up to which every record that was in the input topics has been processed
 * and committed by the application. A timer due at {@code D} may fire without risk of a false alert
 * once {@code processedUpTo() >= D}: any event that was in Kafka before {@code D} (and could have
 * satisfied or paused the clock) has already been applied to the ticket's state.
 *
 * <p>Invariant: monotone non-decreasing. Implementations answer from memory (no I/O), because the
 * stream thread asks on every punctuation.
 */
@FunctionalInterface
public interface InputWatermark {

    /** For a topology with no lag to account for (TopologyTestDriver processes every record synchronously). */
    InputWatermark CAUGHT_UP = () -> Long.MAX_VALUE;

    /** Epoch milliseconds; {@link Long#MIN_VALUE} while nothing is confirmed yet. */
    long processedUpTo();
}
