package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.SupportTier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The latest handoff a ticket carried (from its ESCALATED event), quoted in escalation alerts. */
public record HandoffNote(Instant at, SupportTier fromTier, SupportTier toTier, String summary, List<String> stepsTaken,
                          String reason, String impact, String customerExpectation) {

    static HandoffNote of(Instant at, SupportTier from, SupportTier to, Handoff h) {
        return new HandoffNote(at, from, to, h.summary(), h.stepsTaken() == null ? List.of() : h.stepsTaken(),
                h.reason(), h.impact(), h.customerExpectation());
    }

    /** As alert details: only the fields that are present. */
    Map<String, Object> toDetails() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at.toString());
        if (fromTier != null) {
            m.put("fromTier", fromTier.wire());
        }
        if (toTier != null) {
            m.put("toTier", toTier.wire());
        }
        putIfPresent(m, "summary", summary);
        m.put("stepsTaken", stepsTaken);
        putIfPresent(m, "reason", reason);
        putIfPresent(m, "impact", impact);
        putIfPresent(m, "customerExpectation", customerExpectation);
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
