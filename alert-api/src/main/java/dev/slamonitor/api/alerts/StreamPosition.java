package dev.slamonitor.api.alerts;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A position in the alerts topic: for each partition, the next offset to read. It is the SSE event
 * id ({@code 0:16,1:34,2:8}), so a client can resume on ANY instance: every instance reads the same
 * topic, and "offset >= position[partition]" selects exactly the alerts the client has not seen.
 * Immutable.
 */
public record StreamPosition(Map<Integer, Long> next) {

    public static final StreamPosition EMPTY = new StreamPosition(Map.of());

    public StreamPosition {
        next = Map.copyOf(next);
    }

    /** The position after consuming {@code offset} of {@code partition}. */
    public StreamPosition advance(int partition, long offset) {
        TreeMap<Integer, Long> copy = new TreeMap<>(next);
        copy.merge(partition, offset + 1, Math::max);
        return new StreamPosition(copy);
    }

    /** True when the record at partition/offset comes after this position (the holder has not seen it). */
    public boolean isBefore(int partition, long offset) {
        return offset >= next.getOrDefault(partition, 0L);
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(next).forEach((p, o) -> out.append(out.length() == 0 ? "" : ",").append(p).append(':').append(o));
        return out.toString();
    }

    /** Parses an encoded position; empty for anything malformed (the client then gets no replay). */
    public static Optional<StreamPosition> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        TreeMap<Integer, Long> next = new TreeMap<>();
        for (String part : text.trim().split(",")) {
            String[] po = part.split(":");
            if (po.length != 2) {
                return Optional.empty();
            }
            try {
                next.put(Integer.parseInt(po[0]), Long.parseLong(po[1]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new StreamPosition(next));
    }
}
