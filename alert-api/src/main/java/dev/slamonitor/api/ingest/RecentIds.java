package dev.slamonitor.api.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eventIds this instance published most recently (bounded, oldest forgotten first), so that an
 * upstream retry of the same event is answered 202 without publishing again. The stream processor's
 * own de-duplication by eventId covers retries that reach another instance or come later. Not
 * thread-safe: used on one Vert.x context.
 */
public final class RecentIds {

    private final LinkedHashMap<String, Boolean> ids;

    public RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public boolean contains(String id) {
        return ids.containsKey(id);
    }

    public void add(String id) {
        ids.put(id, Boolean.TRUE);
    }
}
