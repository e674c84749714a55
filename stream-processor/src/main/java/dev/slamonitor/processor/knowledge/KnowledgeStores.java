package dev.slamonitor.processor.knowledge;

/** Names of the knowledge loop's state stores (also the names of their changelog topics). */
public final class KnowledgeStores {

    /** Global: {@code root-cause-taxonomy} -> the validated taxonomy JSON in force. */
    public static final String TAXONOMY = "knowledge-taxonomy";
    /** ticketId -> knowledge facts of the ticket (escalated, tier moves, resolution, RCA). */
    public static final String TICKETS = "knowledge-tickets";
    /** Deadline index of RCA due dates (timer id: ticketId). */
    public static final String RCA_DEADLINES = "knowledge-rca-deadlines";
    /** Window store: bucket -> one occurrence per resolution, at its event time. */
    public static final String OCCURRENCES = "knowledge-root-cause-occurrences";
    /** bucket -> drift state per window (firing / armed). */
    public static final String DRIFT = "knowledge-drift-state";
    /** itemId -> remediation item. */
    public static final String ITEMS = "knowledge-remediation-items";
    /** Deadline index of remediation due dates (timer id: itemId). */
    public static final String REMEDIATION_DEADLINES = "knowledge-remediation-deadlines";

    private KnowledgeStores() {
    }
}
