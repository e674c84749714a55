package dev.slamonitor.api.tickets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The view's low-cardinality strings (states, severities, tiers, teams, policy ids, clock names,
 * calendars, owners, customers ...), each distinct value stored once under a small id. Bounded: past
 * {@code capacity} values, new ones get no id and callers store them inline, so a field that turns
 * out to be high-cardinality cannot grow the pool without limit. Ids are never reused; not
 * thread-safe (owned by the view's context).
 */
final class StringPool {

    /** The id of a value the pool does not hold. */
    static final int NONE = -1;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private final int capacity;

    StringPool(int capacity) {
        this.capacity = capacity;
    }

    /** The id of {@code value}, adding it while there is room; {@link #NONE} when full. */
    int id(String value) {
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        if (values.size() >= capacity) {
            return NONE;
        }
        int next = values.size();
        values.add(value);
        ids.put(value, next);
        return next;
    }

    String value(int id) {
        return values.get(id);
    }

    /** The pool's instance of {@code value} (so equal values share one object), or {@code value} itself when full. */
    String canonical(String value) {
        if (value == null) {
            return null;
        }
        int id = id(value);
        return id == NONE ? value : values.get(id);
    }

    int size() {
        return values.size();
    }
}
