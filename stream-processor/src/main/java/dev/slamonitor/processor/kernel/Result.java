package dev.slamonitor.processor.kernel;

import dev.slamonitor.deadletter.DeadLetterReason;
import java.util.Objects;
import java.util.function.Function;

/**
 * Errors as values: the outcome of reading or checking one untrusted input, either accepted (with a
 * value, which may be null for a tombstone that is passed on) or refused with the {@link Rejection}
 * that the dead-letter path writes. Readers and validators return it instead of throwing, so a bad
 * record becomes a dead letter and never an exception.
 */
public record Result<T>(T value, Rejection rejection) {

    public static <T> Result<T> ok(T value) {
        return new Result<>(value, null);
    }

    public static <T> Result<T> refused(Rejection rejection) {
        return new Result<>(null, Objects.requireNonNull(rejection, "rejection"));
    }

    /** @param input the original bytes, null for a refused tombstone (the dead letter is then one too) */
    public static <T> Result<T> refused(DeadLetterReason reason, String detail, byte[] input) {
        return refused(new Rejection(reason, detail, input));
    }

    public boolean isOk() {
        return rejection == null;
    }

    public boolean isRefused() {
        return rejection != null;
    }

    /** Why it was refused, every problem named; empty when accepted. */
    public String detail() {
        return rejection == null ? "" : rejection.detail();
    }

    /** The same outcome with the accepted value transformed; a refusal is carried over unchanged. */
    public <U> Result<U> map(Function<? super T, ? extends U> mapper) {
        return isOk() ? ok(mapper.apply(value)) : refused(rejection);
    }
}
