package dev.slamonitor.processor.ingest;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The timestamp of every input record, bounded so that no output stamped from it (record time, stream
 * time) can lie beyond {@code now + processor.max.clock.skew}: the broker refuses records more than
 * {@code log.message.timestamp.after.max.ms} ahead, and a refused output aborts the transaction and
 * replays the same record forever. A record without a valid timestamp takes the partition's time (or
 * now), instead of failing the task as Kafka's default extractor does. Event records are re-stamped
 * with their (window-checked) {@code occurredAt} by {@link EventParser}.
 */
public final class BoundedTimestampExtractor implements TimestampExtractor, Configurable {

    /** Streams property carrying the allowed skew in milliseconds (set by StreamsSettings). */
    public static final String SKEW_MS_KEY = "slamon.max.clock.skew.ms";

    private long skewMs;

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(SKEW_MS_KEY);
        skewMs = value == null ? 0 : Long.parseLong(value.toString());
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long latest = System.currentTimeMillis() + skewMs;
        long timestamp = record.timestamp();
        if (timestamp < 0) {
            return partitionTime >= 0 ? Math.min(partitionTime, latest) : System.currentTimeMillis();
        }
        return Math.min(timestamp, latest);
    }
}
