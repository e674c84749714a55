package dev.slamonitor.processor.kernel;

import dev.slamonitor.topic.TopicSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The one way a processor's outputs leave it. A processor emits one sealed type whose records are the
 * kinds of output (a snapshot, an alert, a refusal ...); this routes each kind, by class, to a named
 * topic, to the dead-letter path or to a further stream, and {@link #end} checks that every permitted
 * kind was routed exactly once, so a new kind cannot be dropped silently.
 *
 * <p>Node names: {@code <feature>-output-} (the split), {@code <feature>-output-<kind>} (a branch),
 * {@code <feature>-<kind>-sink} (a topic). A topic route has no unwrap node: its sink's value
 * serializer unwraps the kind ({@code (topic, out) -> inner.serialize(topic, unwrap(out))}), which
 * saves one processor hop per record and keeps the topic's own serde, so the published JSON is
 * unchanged. An unwrap returning null writes a tombstone.
 *
 * @param <T> the sealed output type
 */
public final class OutputRoutes<T> {

    private final String feature;
    private final Set<Class<?>> kinds;
    private final Set<Class<?>> routed = new LinkedHashSet<>();
    private final BranchedKStream<String, T> split;

    private OutputRoutes(KStream<String, T> outputs, Class<T> type, String feature) {
        if (!type.isSealed()) {
            throw new IllegalArgumentException(type.getName() + " is not sealed: its kinds cannot be checked");
        }
        this.feature = feature;
        this.kinds = new LinkedHashSet<>(Arrays.asList(type.getPermittedSubclasses()));
        this.split = outputs.split(Named.as(feature + "-output-"));
    }

    /**
     * @param type    the sealed type the processor emits; its permitted subclasses are the kinds to route
     * @param feature kebab-case prefix of every node name
     */
    public static <T> OutputRoutes<T> of(KStream<String, T> outputs, Class<T> type, String feature) {
        return new OutputRoutes<>(outputs, type, feature);
    }

    /** Kind {@code kind} goes to {@code topic} as {@code unwrap(output)}; a null unwrap is a tombstone. */
    public <S extends T, V> OutputRoutes<T> toTopic(Class<S> kind, String name, TopicSpec<String, V> topic,
                                                    Function<? super S, ? extends V> unwrap) {
        return route(kind, name, branch -> branch.to(topic.name(),
                Produced.with(topic.keySerde(), new UnwrappingSerde<S, V>(topic.valueSerde().serializer(), unwrap))
                        .withName(feature + "-" + name + "-sink")));
    }

    /** Kind {@code kind} is a refusal: to the dead-letter topic with its reason, counted under {@code stage}. */
    public <S extends T> OutputRoutes<T> toDeadLetters(Class<S> kind, String name, DeadLetterSink deadLetters,
                                                      Function<? super S, Rejection> rejection, String stage) {
        return route(kind, name, branch -> deadLetters.route(branch, rejection, stage));
    }

    /** Kind {@code kind} goes on as a stream of its own (a repartition, a merge ...), built by {@code then}. */
    public <S extends T> OutputRoutes<T> toStream(Class<S> kind, String name, Consumer<KStream<String, S>> then) {
        return route(kind, name, then);
    }

    /**
     * Kind {@code kind} goes on as a stream of its own, returned for the caller to continue (the
     * same as {@link #toStream}, for a stream that is used after the routing).
     */
    public <S extends T> KStream<String, S> stream(Class<S> kind, String name) {
        List<KStream<String, S>> branch = new ArrayList<>(1);
        route(kind, name, branch::add);
        return branch.get(0);
    }

    /** Ends the routing; fails when a permitted kind has no route (it would be dropped). */
    public void end() {
        Set<Class<?>> missing = new LinkedHashSet<>(kinds);
        missing.removeAll(routed);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(feature + ": no route for " + missing.stream().map(Class::getSimpleName).toList());
        }
        split.noDefaultBranch();
    }

    private <S extends T> OutputRoutes<T> route(Class<S> kind, String name, Consumer<KStream<String, S>> then) {
        if (!kinds.contains(kind)) {
            throw new IllegalArgumentException(kind.getName() + " is not a permitted kind of " + feature + "'s output");
        }
        if (!routed.add(kind)) {
            throw new IllegalArgumentException(feature + ": " + kind.getSimpleName() + " is routed twice");
        }
        split.branch((key, output) -> kind.isInstance(output), Branched.withConsumer(branch -> then.accept(narrow(branch)), name));
        return this;
    }

    // The branch's predicate admits only instances of S, so the stream's values are S (generics are erased).
    @SuppressWarnings("unchecked")
    private static <T, S extends T> KStream<String, S> narrow(KStream<String, T> branch) {
        return (KStream<String, S>) (KStream<String, ?>) branch;
    }

    /** A write-only serde that unwraps the output kind and serializes the result with the topic's own serializer. */
    private record UnwrappingSerde<S, V>(Serializer<V> inner, Function<? super S, ? extends V> unwrap) implements Serde<S> {

        @Override
        public Serializer<S> serializer() {
            return new Serializer<>() {
                @Override
                public byte[] serialize(String topic, S output) {
                    return output == null ? null : inner.serialize(topic, unwrap.apply(output));
                }

                @Override
                public byte[] serialize(String topic, Headers headers, S output) {
                    return output == null ? null : inner.serialize(topic, headers, unwrap.apply(output));
                }

                @Override
                public void configure(Map<String, ?> configs, boolean isKey) {
                    inner.configure(configs, isKey);
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        }

        @Override
        public Deserializer<S> deserializer() {
            throw new UnsupportedOperationException("an output serde only writes");
        }
    }
}
