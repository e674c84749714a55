package dev.slamonitor.processor.knowledge.domain;

import dev.slamonitor.knowledge.RootCauseStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket's statistics as published on the stats topic: per taxonomy window the count at stream
 * time, its threshold, whether it is firing and example tickets; for the {@code unknown} bucket also
 * the raw tags counted in the longest window.
 */
public final class BucketStatistics {

    private BucketStatistics() {
    }

    /** @param seen the bucket's occurrences within the longest window up to {@code streamTime} */
    public static RootCauseStats of(Taxonomy tx, String bucket, DriftState state, List<Occurrence> seen, long streamTime) {
        List<RootCauseStats.WindowCount> windows = new ArrayList<>();
        for (String window : tx.windows()) {
            WindowCount current = WindowCounter.at(seen, streamTime, tx.windowLength(window).toMillis());
            windows.add(new RootCauseStats.WindowCount(window, current.count(), tx.thresholdOf(bucket, window),
                    state.isFiring(window), KnowledgeAlerts.examples(tx, current)));
        }
        Map<String, Long> unknownTags = null;
        if (RootCauseStats.UNKNOWN.equals(bucket)) {
            long from = streamTime - tx.longestWindow().toMillis();
            unknownTags = new TreeMap<>();
            for (Occurrence o : seen) {
                if (o.atMs() >= from && o.atMs() <= streamTime) {
                    unknownTags.merge(o.rawTag(), 1L, Long::sum);
                }
            }
        }
        Instant lastSeen = seen.stream().mapToLong(Occurrence::atMs).max().stream().mapToObj(Instant::ofEpochMilli)
                .findFirst().orElse(null);
        return new RootCauseStats(bucket, tx.ownerOf(bucket), tx.playbookOf(bucket), !RootCauseStats.UNKNOWN.equals(bucket),
                windows, unknownTags, lastSeen, Instant.ofEpochMilli(streamTime), tx.version());
    }
}
