package dev.slamonitor.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * A process fix owed by a root-cause tag's owner, opened by a DRIFT alert (compacted remediation
 * items topic, key: {@link #itemId()}). Closing needs evidence; an open item past {@link #dueAt()}
 * raises one REMEDIATION_OVERDUE alert ({@link #overdueAlerted()}).
 *
 * @param itemId   {@code <tag>/<window>/<epoch millis of the drifting window's end>}: deterministic,
 *                 and it carries the tag so a close event can be routed to the tag's partition
 * @param openedAt event time of the drift (end of the window that crossed the threshold)
 */
public record RemediationItem(
        String itemId,
        String tag,
        String window,
        String owner,
        String playbook,
        Status status,
        long count,
        int threshold,
        List<String> exampleTicketIds,
        String driftAlertId,
        Instant openedAt,
        Instant dueAt,
        boolean overdueAlerted,
        Instant closedAt,
        String closedBy,
        String evidence) {

    /** Life cycle of an item: opened by drift, closed only with evidence. */
    public enum Status { OPEN, CLOSED }

    @JsonIgnore
    public boolean isOpen() {
        return status == Status.OPEN;
    }

    /** The tag encoded in an item id, or null when the id does not have the item-id shape. */
    public static String tagOf(String itemId) {
        if (itemId == null) {
            return null;
        }
        String[] parts = itemId.split("/", -1);
        return parts.length == 3 && !parts[0].isEmpty() ? parts[0] : null;
    }

    public static String idOf(String tag, String window, Instant windowEnd) {
        return tag + "/" + window + "/" + windowEnd.toEpochMilli();
    }

    public RemediationItem closed(Instant at, String by, String evidenceText) {
        return new RemediationItem(itemId, tag, window, owner, playbook, Status.CLOSED, count, threshold,
                exampleTicketIds, driftAlertId, openedAt, dueAt, overdueAlerted, at, by, evidenceText);
    }

    public RemediationItem overdue() {
        return new RemediationItem(itemId, tag, window, owner, playbook, status, count, threshold,
                exampleTicketIds, driftAlertId, openedAt, dueAt, true, closedAt, closedBy, evidence);
    }
}
