package dev.slamonitor.api.kafka;

import dev.slamonitor.topic.TopicSpec;
import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one topic of a {@link TopicFeed} reaches a view: its values decoded with the topic's serde,
 * tombstones (null values) passed on as null or skipped, each record handed to {@code handler} on the
 * view owner's context.
 */
public record Binding<T>(TopicSpec<String, T> topic, boolean passTombstones, RecordHandler<T> handler) {

    /** A binding that passes tombstones on (compacted views remove the key). */
    public static <T> Binding<T> of(TopicSpec<String, T> topic, RecordHandler<T> handler) {
        return new Binding<>(topic, true, handler);
    }

    /**
     * A compacted table into a keyed view: {@code apply(key, value)}, value null for a tombstone; a
     * record without a key names no entry and is skipped.
     */
    public static <T> Binding<T> table(TopicSpec<String, T> topic, BiConsumer<String, T> apply) {
        return of(topic, (key, value, partition, offset) -> {
            if (key != null) {
                apply.accept(key, value);
            }
        });
    }

    /** A binding that skips tombstones (a stream of facts, not a table). */
    public static <T> Binding<T> skippingTombstones(TopicSpec<String, T> topic, RecordHandler<T> handler) {
        return new Binding<>(topic, false, handler);
    }

    private Runnable decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null && !passTombstones) {
            return null;
        }
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        T value = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
        return () -> handler.apply(key, value, r.partition(), r.offset());
    }

    /** Applies one decoded record to a view; runs on the view owner's context. */
    @FunctionalInterface
    public interface RecordHandler<T> {
        void apply(String key, T value, int partition, long offset);
    }

    /**
     * The feed's sink over several bindings: decodes each record by its topic's binding, skips (and
     * logs) a record that cannot be decoded, since it came from the stream processor and the next
     * record for its key replaces it, and applies one poll's updates on {@code context}.
     */
    static final class Dispatch implements TopicFeed.Sink {
        private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);
        private final String name;
        private final Context context;
        private final Map<String, Binding<?>> byTopic = new LinkedHashMap<>();

        Dispatch(String name, Context context, List<Binding<?>> bindings) {
            this.name = name;
            this.context = context;
            bindings.forEach(b -> byTopic.put(b.topic().name(), b));
        }

        List<String> topics() {
            return List.copyOf(byTopic.keySet());
        }

        @Override
        public CompletionStage<Void> apply(ConsumerRecords<byte[], byte[]> records, boolean caughtUp) {
            List<Runnable> updates = new ArrayList<>(records.count());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                try {
                    Runnable update = byTopic.get(r.topic()).decode(r);
                    if (update != null) {
                        updates.add(update);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Feed {} skips unreadable record {}-{}@{}: {}", name, r.topic(), r.partition(), r.offset(),
                            e.getMessage());
                }
            }
            if (updates.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> applied = new CompletableFuture<>();
            context.runOnContext(v -> {
                try {
                    updates.forEach(Runnable::run);
                    applied.complete(null);
                } catch (RuntimeException e) {
                    applied.completeExceptionally(e);
                }
            });
            return applied;
        }
    }
}
