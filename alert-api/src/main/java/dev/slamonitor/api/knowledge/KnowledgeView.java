package dev.slamonitor.api.knowledge;

import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's read model of the knowledge loop: the latest root-cause stats per tag and the latest
 * state of every remediation item, as published on their compacted topics. Updated by its feed on the
 * API's context and read by handlers there; it holds immutable values in concurrent maps, so a reader
 * on another thread (a test) is safe too. A null value (tombstone) removes the key.
 */
public final class KnowledgeView {

    private final Map<String, RootCauseStats> stats = new ConcurrentHashMap<>();
    private final Map<String, RemediationItem> items = new ConcurrentHashMap<>();

    public void applyStats(String tag, RootCauseStats value) {
        if (value == null) {
            stats.remove(tag);
        } else {
            stats.put(tag, value);
        }
    }

    public void applyItem(String itemId, RemediationItem value) {
        if (value == null) {
            items.remove(itemId);
        } else {
            items.put(itemId, value);
        }
    }

    /** Tags by their count in {@code window}, highest first (ties by tag name), at most {@code limit}. */
    public List<RootCauseStats> top(String window, int limit) {
        return stats.values().stream()
                .filter(s -> countIn(s, window) > 0)
                .sorted(Comparator.comparingLong((RootCauseStats s) -> countIn(s, window)).reversed()
                        .thenComparing(RootCauseStats::tag))
                .limit(limit)
                .toList();
    }

    public Optional<RootCauseStats> tag(String tag) {
        return Optional.ofNullable(stats.get(tag));
    }

    /** Every window label some tag reports, to validate a query's window. */
    public List<String> windows() {
        return stats.values().stream().flatMap(s -> s.windows().stream()).map(RootCauseStats.WindowCount::window)
                .distinct().sorted().toList();
    }

    /** Items with the status (all when null), earliest due first. */
    public List<RemediationItem> items(RemediationItem.Status status) {
        return items.values().stream()
                .filter(i -> status == null || i.status() == status)
                .sorted(Comparator.comparing(RemediationItem::dueAt).thenComparing(RemediationItem::itemId))
                .toList();
    }

    static long countIn(RootCauseStats s, String window) {
        return s.windows().stream().filter(w -> w.window().equals(window)).mapToLong(RootCauseStats.WindowCount::count)
                .findFirst().orElse(0);
    }
}
