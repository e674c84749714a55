package dev.slamonitor.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The expected alerts of a workload, from its plan and the harness policy alone (written for the
 * harness, not the engine's code). Harness policy: 24x7, first response 20 s, warning at 75 % (15 s),
 * an unacknowledged breach re-notifies twice; every other target is days away.
 */
final class Oracle {

    static final Duration FIRST_RESPONSE = Duration.ofSeconds(20);
    static final Duration WARN_AT = Duration.ofSeconds(15);
    static final int RENOTIFY_LEVELS = 2;
    static final Duration RENOTIFY_INTERVAL = Duration.ofSeconds(10);

    /** One alert the workload must produce; {@code due} is exact for WARNING and BREACH, null for RENOTIFY. */
    record Expected(String ticketId, String type, int level, Instant due) {
        String key() {
            return ticketId + "|" + type + "|first_response|" + level;
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
                case ANSWERED_LATE, SILENT -> {
                    all.add(new Expected(t.id(), "WARNING", 0, t.openedAt().plus(WARN_AT)));
                    all.add(new Expected(t.id(), "BREACH", 0, t.openedAt().plus(FIRST_RESPONSE)));
                    for (int level = 1; level <= RENOTIFY_LEVELS; level++) {
                        all.add(new Expected(t.id(), "RENOTIFY", level, null));
                    }
                }
                case ACKED -> {
                    all.add(new Expected(t.id(), "WARNING", 0, t.openedAt().plus(WARN_AT)));
                    all.add(new Expected(t.id(), "BREACH", 0, t.openedAt().plus(FIRST_RESPONSE)));
                }
                default -> throw new IllegalStateException(t.kind().name());
            }
        }
        return all;
    }
}
