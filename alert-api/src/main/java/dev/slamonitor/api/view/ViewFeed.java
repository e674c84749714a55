package dev.slamonitor.api.view;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.api.feed.TopicFeed;
import dev.slamonitor.json.Json;
import dev.slamonitor.state.TicketSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoders between {@link TopicFeed}s and the live view: the state topic's snapshots (a null value is
 * a tombstone) and the alerts topic's alerts with their positions (for the SSE stream's ids). A record
 * that cannot be read is logged and skipped: it came from the processor, and the next record for the
 * key replaces it.
 */
public final class ViewFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ViewFeed.class);

    /** A snapshot update; {@code snapshot} null is a tombstone. */
    public record SnapshotRecord(String ticketId, TicketSnapshot snapshot) {
    }

    public record AlertRecord(int partition, long offset, Alert alert) {
    }

    private ViewFeed() {
    }

    /** A sink decoding snapshots and handing each non-empty batch to {@code apply}. */
    public static TopicFeed.Sink snapshots(Function<List<SnapshotRecord>, CompletionStage<Void>> apply) {
        return (records, caughtUp) -> {
            List<SnapshotRecord> out = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.key() == null) {
                    continue;
                }
                try {
                    TicketSnapshot s = r.value() == null ? null : Json.mapper().readValue(r.value(), TicketSnapshot.class);
                    out.add(new SnapshotRecord(new String(r.key(), StandardCharsets.UTF_8), s));
                } catch (IOException e) {
                    skip(r, e);
                }
            }
            return out.isEmpty() ? CompletableFuture.completedFuture(null) : apply.apply(out);
        };
    }

    /** A sink decoding alerts and handing each non-empty batch to {@code apply}. */
    public static TopicFeed.Sink alerts(Function<List<AlertRecord>, CompletionStage<Void>> apply) {
        return (records, caughtUp) -> {
            List<AlertRecord> out = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.value() == null) {
                    continue;
                }
                try {
                    out.add(new AlertRecord(r.partition(), r.offset(), Json.mapper().readValue(r.value(), Alert.class)));
                } catch (IOException e) {
                    skip(r, e);
                }
            }
            return out.isEmpty() ? CompletableFuture.completedFuture(null) : apply.apply(out);
        };
    }

    static void skip(ConsumerRecord<byte[], byte[]> r, Exception e) {
        LOG.warn("Skipping unreadable record {}-{}@{} in the live view: {}", r.topic(), r.partition(), r.offset(),
                e.getMessage());
    }
}
