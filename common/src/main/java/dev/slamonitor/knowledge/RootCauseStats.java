package dev.slamonitor.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Repeat counts of one root-cause tag, as published to the compacted root-cause stats topic (key: the
 * tag, or {@link #UNKNOWN} for every tag outside the taxonomy). The latest record per key is the
 * current picture; counts are of distinct tickets in each window ending at {@link #asOf()} (event time).
 *
 * @param known           false for the {@code unknown} bucket
 * @param windows         one entry per window of the taxonomy, in the taxonomy's order
 * @param unknownTags     for the {@code unknown} bucket only: each raw tag seen in the longest window with its count
 * @param asOf            stream time (event time) the counts refer to
 * @param taxonomyVersion the taxonomy version whose owners and thresholds are shown
 */
public record RootCauseStats(
        String tag,
        String owner,
        String playbook,
        boolean known,
        List<WindowCount> windows,
        Map<String, Long> unknownTags,
        Instant lastSeenAt,
        Instant asOf,
        int taxonomyVersion) {

    /** The explicit bucket that counts every root cause outside the taxonomy. */
    public static final String UNKNOWN = "unknown";

    /**
     * @param window           window length as text, e.g. {@code 7d}
     * @param count            distinct tickets with this root cause in the window
     * @param threshold        count at which the tag drifts in this window
     * @param drifting         a DRIFT alert fired for this window and has not re-armed yet
     * @param exampleTicketIds the most recent tickets in the window (bounded by policy)
     */
    public record WindowCount(String window, long count, int threshold, boolean drifting,
                              List<String> exampleTicketIds) {
    }
}
