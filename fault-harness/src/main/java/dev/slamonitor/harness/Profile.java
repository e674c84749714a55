package dev.slamonitor.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's size and fault schedule. {@code smoke}: 30 s, no fault (checks the oracle); {@code failover}: 100 s, two processor kills only (to compare recovery settings); {@code short}: about 3 minutes, 2 processors, one fault of each
 * kind (what CI runs on a 2-core box); {@code long}: 30 minutes, 3 processors, a processor killed every
 * 30 s, a freeze past the session timeout, a broker kill and an input burst.
 */
record Profile(String name, int processors, Duration workload, double ticketsPerSecond, List<Fault> faults) {

    enum Kind { KILL_PROCESSOR, FREEZE_PROCESSOR, KILL_BROKER, BURST }

    /**
     * @param target    processor index or broker node id (1-3); events for a burst
     * @param holdFor   how long a killed process stays down or a frozen one stays frozen
     */
    record Fault(Duration at, Kind kind, int target, Duration holdFor) {
    }

    static Profile named(String name) {
        return switch (name) {
            case "short" -> new Profile("short", 2, Duration.ofSeconds(150), 1.0, List.of(
                    new Fault(Duration.ofSeconds(40), Kind.KILL_PROCESSOR, 0, Duration.ofSeconds(3)),
                    new Fault(Duration.ofSeconds(70), Kind.BURST, 20_000, Duration.ZERO),
                    new Fault(Duration.ofSeconds(95), Kind.FREEZE_PROCESSOR, 1, Duration.ofSeconds(15)),
                    new Fault(Duration.ofSeconds(125), Kind.KILL_BROKER, 3, Duration.ofSeconds(15))));
            case "smoke" -> new Profile("smoke", 2, Duration.ofSeconds(30), 1.0, List.of());
            case "failover" -> new Profile("failover", 2, Duration.ofSeconds(100), 2.0, List.of(
                    new Fault(Duration.ofSeconds(30), Kind.KILL_PROCESSOR, 0, Duration.ofSeconds(3)),
                    new Fault(Duration.ofSeconds(65), Kind.KILL_PROCESSOR, 1, Duration.ofSeconds(3))));
            case "long" -> longProfile(Duration.ofMinutes(30));
            default -> {
                if (name.startsWith("long-")) {
                    yield longProfile(Duration.ofMinutes(Integer.parseInt(name.substring(5))));
                }
                throw new IllegalArgumentException("profile: smoke, failover, short, long or long-<minutes>, not " + name);
            }
        };
    }

    /** A processor kill every 30 s (round robin); a freeze, a broker kill and a burst in each 10 minutes. */
    private static Profile longProfile(Duration length) {
        List<Fault> faults = new ArrayList<>();
        long seconds = length.toSeconds();
        for (long at = 30; at < seconds; at += 30) {
            long inCycle = at % 600;
            if (inCycle == 120) {
                faults.add(new Fault(Duration.ofSeconds(at), Kind.FREEZE_PROCESSOR, (int) (at / 30) % 3, Duration.ofSeconds(20)));
            } else if (inCycle == 240) {
                faults.add(new Fault(Duration.ofSeconds(at), Kind.KILL_BROKER, 1 + (int) (at / 600) % 3, Duration.ofSeconds(20)));
            } else if (inCycle == 360) {
                faults.add(new Fault(Duration.ofSeconds(at), Kind.BURST, 60_000, Duration.ZERO));
            } else {
                faults.add(new Fault(Duration.ofSeconds(at), Kind.KILL_PROCESSOR, (int) (at / 30) % 3, Duration.ofSeconds(3)));
            }
        }
        return new Profile(length.toMinutes() >= 30 ? "long" : "long-" + length.toMinutes(), 3, length, 1.0, faults);
    }
}
