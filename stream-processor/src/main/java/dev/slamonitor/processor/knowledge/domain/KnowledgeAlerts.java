package dev.slamonitor.processor.knowledge.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.knowledge.RemediationItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the knowledge loop's alerts. Every alert id is derived from what makes the alert unique
 * (never from the firing time), so re-processing after a crash yields the same ids. Drift and
 * remediation alerts are about a tag (subject, key) and go to the tag's owner; the others are about a
 * ticket (key: ticketId).
 */
public final class KnowledgeAlerts {

    private KnowledgeAlerts() {
    }

    public static String driftAlertId(String bucket, String window, long windowEndMs) {
        return Alert.idOf(AlertType.DRIFT, bucket, window, windowEndMs);
    }

    public static Alert drift(Taxonomy taxonomy, String bucket, DriftDecision.Fire fire, RemediationItem item,
                              Instant firedAt) {
        WindowCount peak = fire.peak();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tag", bucket);
        details.put("window", fire.window());
        details.put("count", peak.count());
        details.put("threshold", fire.threshold());
        details.put("windowStart", Instant.ofEpochMilli(peak.startMs()).toString());
        details.put("windowEnd", Instant.ofEpochMilli(peak.endMs()).toString());
        details.put("exampleTicketIds", item.exampleTicketIds());
        details.put("remediationItemId", item.itemId());
        details.put("remediationDueAt", item.dueAt().toString());
        details.put("playbook", taxonomy.playbookOf(bucket));
        return new Alert(item.driftAlertId(), AlertType.DRIFT, null, bucket, null, item.dueAt(), firedAt, 0, null,
                null, null, null, taxonomy.ownerOf(bucket), "repeat_threshold",
                "Root cause '" + bucket + "' repeated on " + peak.count() + " tickets within " + fire.window()
                        + " (threshold " + fire.threshold() + "): remediate the process by " + item.dueAt(),
                Taxonomy.POLICY_ID, taxonomy.version(), details);
    }

    /**
     * The RESOLVED records for the alerts of an item that was just closed: its DRIFT alert (key =
     * {@code driftAlertId}) and, if it went out, its REMEDIATION_OVERDUE notice.
     */
    public static List<Alert> closedItemAlerts(RemediationItem item, int taxonomyVersion, Instant at) {
        String summary = "Remediation item " + item.itemId() + " for root cause '" + item.tag() + "' closed";
        Alert drift = new Alert(item.driftAlertId(), AlertType.DRIFT, null, item.tag(), null, item.dueAt(),
                item.openedAt(), 0, null, null, null, null, item.owner(), "repeat_threshold", null, Taxonomy.POLICY_ID,
                taxonomyVersion, Map.of("remediationItemId", item.itemId()));
        List<Alert> out = new java.util.ArrayList<>();
        out.add(drift.resolved("remediation_closed", at, summary));
        if (item.overdueAlerted()) {
            out.add(remediationOverdue(item, taxonomyVersion, at).resolved("remediation_closed", at, summary));
        }
        return List.copyOf(out);
    }

    public static Alert remediationOverdue(RemediationItem item, int taxonomyVersion, Instant firedAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tag", item.tag());
        details.put("remediationItemId", item.itemId());
        details.put("window", item.window());
        details.put("count", item.count());
        details.put("openedAt", item.openedAt().toString());
        details.put("dueAt", item.dueAt().toString());
        details.put("driftAlertId", item.driftAlertId());
        return new Alert(Alert.idOf(AlertType.REMEDIATION_OVERDUE, item.itemId()), AlertType.REMEDIATION_OVERDUE,
                null, item.tag(), null, item.dueAt(), firedAt, 0, null, null, null, null, item.owner(),
                "remediation_overdue", "Remediation item " + item.itemId() + " for root cause '" + item.tag()
                        + "' was due " + item.dueAt() + " and is still open",
                Taxonomy.POLICY_ID, taxonomyVersion, details);
    }

    public static Alert knowledgeGap(Taxonomy taxonomy, ResolvedCause cause, String bucket, WindowCount repeat,
                                     Instant firedAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rootCause", cause.rootCause());
        details.put("bucket", bucket);
        details.put("window", taxonomy.longestWindowLabel());
        details.put("count", repeat.count());
        details.put("repeatMinimum", taxonomy.policy().repeatMinimum());
        details.put("exampleTicketIds", repeat.examples(taxonomy.policy().exampleTickets()));
        details.put("resolvedAt", cause.resolvedAt().toString());
        return new Alert(Alert.idOf(AlertType.KNOWLEDGE_GAP, cause.ticketId(), cause.eventId()),
                AlertType.KNOWLEDGE_GAP, cause.ticketId(), cause.rootCause(), null, null, firedAt, 0,
                cause.severity(), cause.tier(), cause.team(), cause.customerId(), taxonomy.ownerOf(bucket),
                "repeat_without_sop_decision", "Ticket " + cause.ticketId() + " was resolved with repeat root cause '"
                        + cause.rootCause() + "' (" + repeat.count() + " tickets in " + taxonomy.longestWindowLabel()
                        + ") without an SOP update version or a rejection rationale",
                Taxonomy.POLICY_ID, taxonomy.version(), details);
    }

    public static Alert handoffIncomplete(KnowledgeTicket t, Finding.HandoffIncomplete f, int taxonomyVersion,
                                          Instant firedAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("missing", f.missing());
        details.put("fromTier", f.fromTier());
        details.put("toTier", f.toTier());
        details.put("escalatedAt", f.at().toString());
        details.put("eventId", f.eventId());
        return new Alert(Alert.idOf(AlertType.HANDOFF_INCOMPLETE, t.ticketId(), f.eventId()),
                AlertType.HANDOFF_INCOMPLETE, t.ticketId(), null, null, null, firedAt, 0, t.severity(), f.toTier(),
                t.team(), t.customerId(), null, "handoff_missing_fields",
                "Escalation of " + t.ticketId() + " to " + f.toTier() + " lacks " + String.join(", ", f.missing()),
                Taxonomy.POLICY_ID, taxonomyVersion, details);
    }

    public static Alert pingPong(KnowledgeTicket t, Finding.PingPong f, int taxonomyVersion, Instant firedAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tierMoves", f.moves());
        details.put("maxTierMoves", f.maxMoves());
        details.put("currentTier", t.tier());
        return new Alert(Alert.idOf(AlertType.PING_PONG, t.ticketId()), AlertType.PING_PONG, t.ticketId(), null,
                null, null, firedAt, 0, t.severity(), t.tier(), t.team(), t.customerId(), null, "tier_moves",
                "Ticket " + t.ticketId() + " moved between tiers " + f.moves() + " times (policy allows "
                        + f.maxMoves() + ")", Taxonomy.POLICY_ID, taxonomyVersion, details);
    }

    public static Alert rcaOverdue(KnowledgeTicket t, int taxonomyVersion, Instant firedAt) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resolvedAt", t.resolvedAt().toString());
        details.put("rcaDueAt", t.rcaDueAt().toString());
        details.put("rootCause", t.rootCause());
        return new Alert(Alert.idOf(AlertType.RCA_OVERDUE, t.ticketId(), t.resolvedAt()), AlertType.RCA_OVERDUE,
                t.ticketId(), t.rootCause(), "rca", t.rcaDueAt(), firedAt, 0, t.severity(), t.tier(), t.team(),
                t.customerId(), null, "rca_not_published",
                "Escalated ticket " + t.ticketId() + " resolved at " + t.resolvedAt() + " has no RCA published (due "
                        + t.rcaDueAt() + ")", Taxonomy.POLICY_ID, taxonomyVersion, details);
    }

    /** Example ids for an item or alert: the most recent of the window. */
    public static List<String> examples(Taxonomy taxonomy, WindowCount count) {
        return List.copyOf(count.examples(taxonomy.policy().exampleTickets()));
    }
}
