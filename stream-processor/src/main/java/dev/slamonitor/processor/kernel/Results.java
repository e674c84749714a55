package dev.slamonitor.processor.kernel;

import dev.slamonitor.processor.ingest.DeadLetterSink;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The one way a stream of {@link Result}s leaves a reading or checking step: refusals go to the
 * dead-letter path (reason, metric, original bytes), accepted values go on. Every node is named
 * after the stage: {@code <stage>-refused-unwrap}, {@code <stage>-accepted-unwrap}.
 */
public final class Results {

    private Results() {
    }

    /**
     * @param stage kebab-case name of the step, used in node names and as the dead-letter metric's label
     * @return the accepted values (a null value is a tombstone passed on)
     */
    public static <V> KStream<String, V> catchErrors(KStream<String, Result<V>> results, DeadLetterSink deadLetters, String stage) {
        var branches = results.split(Named.as(stage + "-"))
                .branch((key, result) -> result.isRefused(), Branched.as("refused"))
                .defaultBranch(Branched.as("accepted"));
        deadLetters.route(branches.get(stage + "-refused").mapValues(Result::rejection, Named.as(stage + "-refused-unwrap")), stage);
        return branches.get(stage + "-accepted").mapValues(Result::value, Named.as(stage + "-accepted-unwrap"));
    }
}
