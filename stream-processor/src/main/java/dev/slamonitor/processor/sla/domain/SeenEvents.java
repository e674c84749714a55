package dev.slamonitor.processor.sla.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The event ids recently applied to one ticket, oldest first, each with the stream time it was seen
 * at: the de-duplication memory, kept inside the ticket's own state so that it is read and written
 * with the ticket (one store value, one changelog record per event) instead of in a store of its own.
 *
 * <p>An id is remembered for {@code retentionMillis} of stream time and at most {@code maxIds} ids
 * are kept per ticket (the oldest go first). Both bounds are configuration; see ADR 0001.
 */
public record SeenEvents(List<String> ids, long[] seenAt) {

    public static final SeenEvents NONE = new SeenEvents(List.of(), new long[0]);

    public SeenEvents {
        if (ids.size() != seenAt.length) {
            throw new IllegalArgumentException("ids and seenAt differ in length: " + ids.size() + " vs " + seenAt.length);
        }
    }

    public boolean contains(String eventId) {
        return ids.contains(eventId);
    }

    /** This memory plus {@code eventId} seen at {@code streamTime}, without ids past the retention or the cap. */
    public SeenEvents plus(String eventId, long streamTime, long retentionMillis, int maxIds) {
        long oldestKept = streamTime - retentionMillis;
        int from = 0;
        while (from < ids.size() && (seenAt[from] < oldestKept || ids.size() - from + 1 > maxIds)) {
            from++;
        }
        List<String> nextIds = new ArrayList<>(ids.size() - from + 1);
        nextIds.addAll(ids.subList(from, ids.size()));
        nextIds.add(eventId);
        long[] nextAt = Arrays.copyOfRange(seenAt, from, seenAt.length + 1);
        nextAt[nextAt.length - 1] = streamTime;
        return new SeenEvents(List.copyOf(nextIds), nextAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeenEvents other && ids.equals(other.ids) && Arrays.equals(seenAt, other.seenAt);
    }

    @Override
    public int hashCode() {
        return 31 * ids.hashCode() + Arrays.hashCode(seenAt);
    }

    @Override
    public String toString() {
        return "SeenEvents" + ids;
    }
}
