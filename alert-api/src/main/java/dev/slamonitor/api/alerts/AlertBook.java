package dev.slamonitor.api.alerts;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alert read model by alert key: for each condition its first notice (the facts), its current
 * lifecycle state and its history (triggered, re-notified, acknowledged by whom, resolved and why),
 * fed from the alerts topic in order. Ordered by the first notice's time then key, so a cursor is
 * stable while new alerts arrive. Bounded: past {@code maxKeys} the oldest resolved keys go first,
 * then the oldest of any state. Not thread-safe: owned by the HTTP verticle's event loop, like the ticket view.
 */
public final class AlertBook {

    /** One step of a key's history. */
    public record Step(AlertState state, String alertId, String type, int level, Instant at, String by, String reason) {
    }

    /** One condition: its first notice, where it stands, and how it got there. */
    public record Entry(String key, Alert notice, AlertState state, Instant lastAt, List<Step> history) {

        String sortKey() {
            return sortKey(notice.firedAt(), key);
        }

        static String sortKey(Instant at, String key) {
            return String.format("%019d|%s", at == null ? 0 : at.toEpochMilli(), key);
        }
    }

    /** A page of entries and the cursor to the next one (null on the last page). */
    public record Page(List<Entry> items, String nextAfter) {
    }

    public static final int MAX_HISTORY = 50;

    private final int maxKeys;
    private final Map<String, Entry> byKey = new HashMap<>();
    private final TreeMap<String, String> order = new TreeMap<>();
    private final java.util.TreeSet<String> resolvedOrder = new java.util.TreeSet<>();
    private final Set<String> seenIds = new java.util.LinkedHashSet<>();

    public AlertBook(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** Applies one alert record; a re-emitted alertId changes nothing. */
    public void apply(Alert a) {
        if (!seenIds.add(a.alertId())) {
            return;
        }
        if (seenIds.size() > maxKeys * 4L) {
            Iterator<String> it = seenIds.iterator();
            it.next();
            it.remove();
        }
        Entry current = byKey.get(a.alertKey());
        Step step = new Step(a.state(), a.alertId(), a.type().name(), a.level(), a.firedAt(), a.acknowledgedBy(),
                a.stateReason());
        if (current == null) {
            // the notice normally comes first; a lifecycle record seen alone (older history compacted away) stands in
            Entry e = new Entry(a.alertKey(), a, a.state(), a.firedAt(), List.of(step));
            byKey.put(e.key(), e);
            order.put(e.sortKey(), e.key());
            if (e.state() == AlertState.RESOLVED) {
                resolvedOrder.add(e.sortKey());
            }
            evict();
            return;
        }
        List<Step> history = new ArrayList<>(current.history());
        history.add(step);
        if (history.size() > MAX_HISTORY) {
            history.remove(1); // keep the first notice
        }
        AlertState next = next(current.state(), a.state());
        byKey.put(current.key(), new Entry(current.key(), current.notice(), next, a.firedAt(), List.copyOf(history)));
        if (next == AlertState.RESOLVED) {
            resolvedOrder.add(current.sortKey());
        }
    }

    /** RESOLVED is final; a late ACKNOWLEDGED after RESOLVED or a re-notification after an ack do not move it back. */
    private static AlertState next(AlertState now, AlertState record) {
        if (now == AlertState.RESOLVED || record == AlertState.TRIGGERED && now == AlertState.ACKNOWLEDGED) {
            return now;
        }
        return record;
    }

    /** The first notices of every key not resolved yet, in first-notice order. */
    public List<Alert> openNotices() {
        List<Alert> out = new ArrayList<>();
        for (String key : order.values()) {
            Entry e = byKey.get(key);
            if (e.state() != AlertState.RESOLVED) {
                out.add(e.notice());
            }
        }
        return out;
    }

    public Optional<Entry> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public int size() {
        return byKey.size();
    }

    /** Entries in the given states matching every filter (empty = any), after the cursor, at most {@code limit}. */
    public Page list(Set<AlertState> states, Set<String> severities, Set<String> teams, Set<String> tiers, int limit,
                     String after) {
        List<Entry> items = new ArrayList<>();
        var from = after == null ? order : order.tailMap(after, false);
        String last = null;
        for (String key : from.values()) {
            Entry e = byKey.get(key);
            if (!states.contains(e.state()) || !in(severities, e.notice().severity()) || !in(teams, e.notice().team())
                    || !in(tiers, e.notice().tier())) {
                continue;
            }
            if (items.size() == limit) {
                return new Page(items, last);
            }
            items.add(e);
            last = e.sortKey();
        }
        return new Page(items, null);
    }

    private void evict() {
        if (byKey.size() <= maxKeys) {
            return;
        }
        String sortKey = resolvedOrder.isEmpty() ? order.firstKey() : resolvedOrder.first();
        resolvedOrder.remove(sortKey);
        byKey.remove(order.remove(sortKey));
    }

    private static boolean in(Set<String> wanted, String value) {
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }
}
