package dev.slamonitor.processor.kernel;

import dev.slamonitor.deadletter.DeadLetterReason;
import java.util.Objects;
import java.util.function.Function;

/**
 * Errors as values: the outcome of reading or checking one untrusted input, either {@link Accepted}
 * (with a value, which may be null for a tombstone that is passed on) or {@link Refused} with the
 * {@link Rejection} that the dead-letter path writes. Readers and validators return it instead of
 * throwing, so a bad record becomes a dead letter and never an exception. Sealed like every output
 * type, so {@link Results#catchErrors} routes it with {@link OutputRoutes}.
 */
public sealed interface Result<T> permits Result.Accepted, Result.Refused {

    /** Read and checked; {@code value} may be null (a tombstone passed on). */
    record Accepted<T>(T value) implements Result<T> {
        @Override
        public Rejection rejection() {
            return null;
        }
    }

    /** Refused, with the reason, detail and original bytes the dead letter carries. */
    record Refused<T>(Rejection rejection) implements Result<T> {
        public Refused {
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public T value() {
            return null;
        }
    }

    static <T> Result<T> ok(T value) {
        return new Accepted<>(value);
    }

    static <T> Result<T> refused(Rejection rejection) {
        return new Refused<>(rejection);
    }

    /** @param input the original bytes, null for a refused tombstone (the dead letter is then one too) */
    static <T> Result<T> refused(DeadLetterReason reason, String detail, byte[] input) {
        return refused(new Rejection(reason, detail, input));
    }

    /** The accepted value; null when refused (or for an accepted tombstone). */
    T value();

    /** Why it was refused; null when accepted. */
    Rejection rejection();

    default boolean isOk() {
        return this instanceof Accepted;
    }

    default boolean isRefused() {
        return this instanceof Refused;
    }

    /** Why it was refused, every problem named; empty when accepted. */
    default String detail() {
        return rejection() == null ? "" : rejection().detail();
    }

    /** The same outcome with the accepted value transformed; a refusal is carried over unchanged. */
    default <U> Result<U> map(Function<? super T, ? extends U> mapper) {
        return isOk() ? ok(mapper.apply(value())) : refused(rejection());
    }
}
