package dev.slamonitor.processor.refdata;

/**
 * What a tombstone (a null value) on a document topic means. Chosen per document kind; a tombstone
 * is never dropped silently.
 */
public enum TombstonePolicy {
    /** The document is withdrawn: its version is forgotten and the tombstone deletes it from the global store. */
    WITHDRAW,
    /** The document cannot be removed: the tombstone is a dead letter and the document in force stays. */
    REFUSE
}
