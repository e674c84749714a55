package dev.slamonitor.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record that could not be used, as it lands on the dead-letter topic: the original key and bytes
 * untouched, and the reason plus where it came from in headers. Keeping the original bytes as the
 * value means a fixed record can be replayed to its source topic as is.
 */
public record DeadLetter(DeadLetterReason reason, String detail, String sourceTopic, int sourcePartition,
                         long sourceOffset, Instant failedAt) {

    public static final String REASON = "dlq.reason";
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String FAILED_AT = "dlq.failed.at";

    /** Longest detail kept in a header; the full list of violations can be long. */
    private static final int MAX_DETAIL = 2000;

    public Headers toHeaders() {
        RecordHeaders headers = new RecordHeaders();
        put(headers, REASON, reason.name());
        put(headers, DETAIL, detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        put(headers, FAILED_AT, failedAt.toString());
        return headers;
    }

    /** Reads the metadata back from a dead-letter record's headers. */
    public static Optional<DeadLetter> fromHeaders(Headers headers) {
        String reason = text(headers, REASON);
        if (reason == null) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetter(DeadLetterReason.valueOf(reason), text(headers, DETAIL),
                text(headers, SOURCE_TOPIC), Integer.parseInt(text(headers, SOURCE_PARTITION)),
                Long.parseLong(text(headers, SOURCE_OFFSET)), Instant.parse(text(headers, FAILED_AT))));
    }

    private static void put(RecordHeaders headers, String key, String value) {
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
