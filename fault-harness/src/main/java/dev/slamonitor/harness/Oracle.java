package dev.slamonitor.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The expected alert records of a workload, from its plan and the harness policy alone (written for
 * the harness, not the engine's code). Harness policy: 24x7, first response 20 s, warning at 75 %
 * (15 s), an unacknowledged breach re-notifies twice, every 10 s; every other target is days away.
 * Lifecycle (docs/sla-engine.md "Alert lifecycle"): a warning is RESOLVED when its breach fires, a
 * breach is RESOLVED when the reply comes, an acknowledged breach gets one ACKNOWLEDGED record, and
 * a resolved or acknowledged breach is not re-notified.
 */
final class Oracle {

    static final Duration FIRST_RESPONSE = Duration.ofSeconds(20);
    static final Duration WARN_AT = Duration.ofSeconds(15);
    static final int RENOTIFY_LEVELS = 2;
    static final Duration RENOTIFY_INTERVAL = Duration.ofSeconds(10);

    /**
     * One alert record the workload must produce; {@code due} is exact for a triggered WARNING and
     * BREACH (what lateness is measured on), null for the others.
     */
    record Expected(String ticketId, String type, int level, String state, Instant due) {
        String key() {
            return key(ticketId, type, level, state);
        }

        static String key(String ticketId, String type, int level, String state) {
            return ticketId + "|" + type + "|first_response|" + level + "|" + state;
        }
    }

    private Oracle() {
    }

    static List<Expected> expected(Workload workload) {
        List<Expected> all = new ArrayList<>();
        for (Workload.Ticket t : workload.tickets()) {
            switch (t.kind()) {
                case ANSWERED, PAUSED, DUPLICATED -> {
                }
                case ANSWERED_LATE -> {
                    // the reply at 25 s resolves the breach before its first re-notification (30 s)
                    breached(all, t);
                    all.add(new Expected(t.id(), "BREACH", 0, "RESOLVED", null));
                }
                case SILENT -> {
                    breached(all, t);
                    for (int level = 1; level <= RENOTIFY_LEVELS; level++) {
                        all.add(new Expected(t.id(), "RENOTIFY", level, "TRIGGERED", null));
                    }
                }
                case ACKED -> {
                    breached(all, t);
                    all.add(new Expected(t.id(), "BREACH", 0, "ACKNOWLEDGED", null));
                }
                default -> throw new IllegalStateException(t.kind().name());
            }
        }
        return all;
    }

    /** The warning, the breach, and the warning's end when its breach fires. */
    private static void breached(List<Expected> all, Workload.Ticket t) {
        all.add(new Expected(t.id(), "WARNING", 0, "TRIGGERED", t.openedAt().plus(WARN_AT)));
        all.add(new Expected(t.id(), "BREACH", 0, "TRIGGERED", t.openedAt().plus(FIRST_RESPONSE)));
        all.add(new Expected(t.id(), "WARNING", 0, "RESOLVED", null));
    }
}
