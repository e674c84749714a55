package dev.slamonitor.processor.kernel;

import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The one way a stream of {@link Result}s leaves a reading or checking step: refusals go to the
 * dead-letter path (reason, metric, original bytes), accepted values go on. It is
 * {@link OutputRoutes} over the two kinds of result, so node names follow its rule:
 * {@code <stage>-output-refused}, {@code <stage>-output-accepted}, {@code <stage>-accepted-unwrap}.
 */
public final class Results {

    private Results() {
    }

    /**
     * @param stage kebab-case name of the step, used in node names and as the dead-letter metric's label
     * @return the accepted values (a null value is a tombstone passed on)
     */
    public static <V> KStream<String, V> catchErrors(KStream<String, Result<V>> results, DeadLetterSink deadLetters, String stage) {
        OutputRoutes<Result<V>> routes = OutputRoutes.of(results, Results.<V>type(), stage)
                .toDeadLetters(Results.<V>refused(), "refused", deadLetters, Result.Refused::rejection, stage);
        // the readers downstream take the plain value: one unwrap node, on the accepted branch only
        KStream<String, V> accepted = routes.stream(Results.<V>accepted(), "accepted")
                .mapValues(Result.Accepted::value, Named.as(stage + "-accepted-unwrap"));
        routes.end();
        return accepted;
    }

    // Class literals of generic types are raw; these casts only restore the type argument.
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> Class<Result<V>> type() {
        return (Class) Result.class;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> Class<Result.Accepted<V>> accepted() {
        return (Class) Result.Accepted.class;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> Class<Result.Refused<V>> refused() {
        return (Class) Result.Refused.class;
    }
}
