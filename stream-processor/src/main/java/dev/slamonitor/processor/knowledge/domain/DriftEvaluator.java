package dev.slamonitor.processor.knowledge.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The drift rule for one bucket (tag or {@code unknown}) over every window of the taxonomy. Pure.
 *
 * <p>On a new occurrence at {@code atMs}: a window that is armed fires when the fullest window
 * containing the occurrence reaches the threshold; a window that is firing re-arms when the count of
 * the window ending at stream time is below the threshold. The periodic re-check (no occurrence)
 * only re-arms. Thresholds are read from the taxonomy in force, so a changed threshold applies at
 * the next occurrence or re-check.
 */
public final class DriftEvaluator {

    private DriftEvaluator() {
    }

    /** Decisions for a new occurrence; the occurrence must be part of {@code occurrences}. */
    public static List<DriftDecision> onOccurrence(Taxonomy taxonomy, String bucket, DriftState state,
                                                   List<Occurrence> occurrences, long atMs, long streamTimeMs) {
        List<DriftDecision> decisions = new ArrayList<>();
        for (String window : taxonomy.windows()) {
            long length = taxonomy.windowLength(window).toMillis();
            int threshold = taxonomy.thresholdOf(bucket, window);
            if (state.isFiring(window)) {
                rearmIfBelow(occurrences, streamTimeMs, length, threshold, window, decisions);
                continue;
            }
            WindowCount peak = WindowCounter.peakContaining(occurrences, atMs, length);
            long lastEnd = state.lastFiredEndMs().getOrDefault(window, Long.MIN_VALUE);
            if (peak.count() >= threshold && peak.endMs() > lastEnd) {
                decisions.add(new DriftDecision.Fire(window, peak, threshold));
            }
        }
        return decisions;
    }

    /** Decisions of the periodic re-check at stream time: re-arms only. */
    public static List<DriftDecision> recheck(Taxonomy taxonomy, String bucket, DriftState state,
                                              List<Occurrence> occurrences, long streamTimeMs) {
        List<DriftDecision> decisions = new ArrayList<>();
        for (String window : state.firing().keySet()) {
            if (!taxonomy.windows().contains(window)) {
                // the window was removed from the taxonomy: nothing can fire or re-arm there any more
                decisions.add(new DriftDecision.Rearm(window, new WindowCount(streamTimeMs, 0, List.of()), 0));
                continue;
            }
            rearmIfBelow(occurrences, streamTimeMs, taxonomy.windowLength(window).toMillis(),
                    taxonomy.thresholdOf(bucket, window), window, decisions);
        }
        return decisions;
    }

    /** The state after applying the decisions; fired episodes get their alert and item ids. */
    public static DriftState apply(DriftState state, DriftDecision decision, String alertId, String itemId) {
        if (decision instanceof DriftDecision.Fire f) {
            return state.fire(f.window(), new DriftState.Episode(f.peak().endMs(), f.peak().count(), alertId, itemId));
        }
        return state.rearm(((DriftDecision.Rearm) decision).window());
    }

    private static void rearmIfBelow(List<Occurrence> occurrences, long streamTimeMs, long length, int threshold,
                                     String window, List<DriftDecision> decisions) {
        WindowCount current = WindowCounter.at(occurrences, streamTimeMs, length);
        if (current.count() < threshold) {
            decisions.add(new DriftDecision.Rearm(window, current, threshold));
        }
    }
}
