package dev.slamonitor.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nested objects of a ticket event (customer, handoff, and the one-field SOP objects) read from a
 * streaming parser positioned on their start, for {@link StreamingEventReader}: each answers the bound
 * object, or null for anything not plainly valid (an unknown or repeated field, a value out of range).
 * Stateless.
 */
final class EventPartReaders {

    private EventPartReaders() {
    }

    static Customer customer(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String id = null;
        String tier = null;
        Boolean vip = null;
        String timeZone = null;
        Set<String> seen = new HashSet<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "id" -> id = EventValueChecks.id(p);
                case "tier" -> tier = EventValueChecks.text(p, 1, 64);
                case "vip" -> vip = EventValueChecks.bool(p);
                case "timeZone" -> timeZone = EventValueChecks.zone(EventValueChecks.text(p, 1, 64));
                default -> {
                    return null;
                }
            }
            if ("id".equals(name) && id == null || "tier".equals(name) && tier == null || "vip".equals(name) && vip == null
                    || "timeZone".equals(name) && timeZone == null) {
                return null;
            }
        }
        return t == JsonToken.END_OBJECT && id != null ? new Customer(id, tier, vip, timeZone) : null;
    }

    static Handoff handoff(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, String> texts = new HashMap<>();
        List<String> steps = null;
        boolean stepsSeen = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "summary", "reason", "impact", "customerExpectation" -> {
                    String v = EventValueChecks.text(p, 0, 8000);
                    if (v == null || texts.put(name, v) != null) {
                        return null;
                    }
                }
                case "stepsTaken" -> {
                    if (stepsSeen || p.currentToken() != JsonToken.START_ARRAY) {
                        return null;
                    }
                    stepsSeen = true;
                    steps = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String step = EventValueChecks.text(p, 0, 2000);
                        if (step == null || steps.size() == 100) {
                            return null;
                        }
                        steps.add(step);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return t == JsonToken.END_OBJECT ? new Handoff(texts.get("summary"), steps, texts.get("reason"), texts.get("impact"),
                texts.get("customerExpectation")) : null;
    }

    /** An object with exactly one string field {@code name} of 1..max chars: its value, else null. */
    static Object single(JsonParser p, String name, int max) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME || !name.equals(p.currentName())) {
            return null;
        }
        p.nextToken();
        String v = EventValueChecks.text(p, 1, max);
        return v != null && p.nextToken() == JsonToken.END_OBJECT ? v : null;
    }
}
