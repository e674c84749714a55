package dev.slamonitor.processor.refdata;

/**
 * When {@link DocumentSeeder} publishes a bundled document to its document topic at start-up. No
 * policy ever rolls back a document someone published on purpose.
 */
public enum SeedingPolicy {
    /** When the topic holds no document under its key, or only an older (or unreadable) version. */
    IF_NEWER,
    /** When the topic holds no record at all under its key (valid or not: the channel decides validity). */
    IF_KEY_ABSENT,
    /** When the topic holds no record at all. */
    IF_TOPIC_EMPTY
}
