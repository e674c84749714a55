package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.processor.ingest.Rejection;

/**
 * The result of checking one untrusted input record (a policy or an acknowledgement): the accepted
 * value (null for a tombstone that is passed on) or a rejection for the dead-letter topic.
 */
record Verdict<T>(T accepted, Rejection rejection) {

    static <T> Verdict<T> accept(T value) {
        return new Verdict<>(value, null);
    }

    static <T> Verdict<T> reject(Rejection rejection) {
        return new Verdict<>(null, rejection);
    }

    boolean isRejected() {
        return rejection != null;
    }
}
