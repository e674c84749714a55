package dev.slamonitor.processor.knowledge.domain;

import dev.slamonitor.json.Json;
import dev.slamonitor.knowledge.RemediationEvent;
import dev.slamonitor.knowledge.RemediationItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a remediation event and checks its form: JSON of the {@link RemediationEvent} schema, action
 * {@code close}, non-blank evidence and author, an item id of the item-id shape, and a record key
 * equal to the item id. Whether the item exists and is open is decided where the items live.
 */
public final class RemediationEventReader {

    private RemediationEventReader() {
    }

    /** Exactly one of event or violations is set. */
    public record Result(RemediationEvent event, List<String> violations) {
        public boolean isValid() {
            return event != null;
        }
    }

    public static Result read(String key, byte[] json) {
        RemediationEvent e;
        try {
            e = json == null ? null : Json.untrusted().readValue(json, RemediationEvent.class);
        } catch (IOException ex) {
            String msg = ex.getMessage() == null ? "unreadable" : ex.getMessage().lines().findFirst().orElse("");
            return new Result(null, List.of("not a remediation event: " + msg));
        }
        if (e == null) {
            return new Result(null, List.of("empty remediation event"));
        }
        List<String> violations = new ArrayList<>();
        if (RemediationItem.tagOf(e.itemId()) == null) {
            violations.add("itemId: '" + e.itemId() + "' is not a remediation item id (<tag>/<window>/<millis>)");
        } else if (!e.itemId().equals(key)) {
            violations.add("record key '" + key + "' differs from itemId '" + e.itemId() + "'");
        }
        if (!RemediationEvent.CLOSE.equals(e.action())) {
            violations.add("action: '" + e.action() + "' is not supported; the only action is 'close'");
        }
        if (e.evidence() == null || e.evidence().isBlank()) {
            violations.add("evidence: required to close an item (SOP revision, merged check, decision record)");
        }
        if (e.by() == null || e.by().isBlank()) {
            violations.add("by: required");
        }
        return violations.isEmpty() ? new Result(e, null) : new Result(null, List.copyOf(violations));
    }
}
