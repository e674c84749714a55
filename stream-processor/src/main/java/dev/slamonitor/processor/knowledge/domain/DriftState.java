package dev.slamonitor.processor.knowledge.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * Per bucket and window: whether a DRIFT alert is out (firing) and the end of the last window that
 * fired. Invariant: a window fires only while not firing (one alert per crossing), re-arms only when
 * the current count falls below the threshold, and never fires again for a window ending at or
 * before the last fired one (late events cannot re-open an episode already reported).
 */
public record DriftState(Map<String, Episode> firing, Map<String, Long> lastFiredEndMs) {

    /** One crossing: the window that crossed and the remediation item it opened. */
    public record Episode(long windowEndMs, long count, String alertId, String itemId) {
    }

    public static DriftState empty() {
        return new DriftState(Map.of(), Map.of());
    }

    public boolean isFiring(String window) {
        return firing.containsKey(window);
    }

    DriftState fire(String window, Episode episode) {
        Map<String, Episode> f = new HashMap<>(firing);
        f.put(window, episode);
        Map<String, Long> last = new HashMap<>(lastFiredEndMs);
        last.put(window, episode.windowEndMs());
        return new DriftState(Map.copyOf(f), Map.copyOf(last));
    }

    DriftState rearm(String window) {
        Map<String, Episode> f = new HashMap<>(firing);
        f.remove(window);
        return new DriftState(Map.copyOf(f), lastFiredEndMs);
    }
}
