package dev.slamonitor.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Lateness of the warnings and breaches due during each fault (from its start to
 * {@link FaultSchedule#AFTERMATH} after it ended) next to that fault's recovery time, against the
 * bound "recovery plus one punctuation interval": an alert due while its partition cannot be
 * processed can only be sent once processing is back, at the next punctuation. One line per fault,
 * then one per kind of fault. Pure.
 */
final class FaultLateness {

    /** One expected alert: when it was due and how late a read_committed consumer saw it. */
    record Due(Instant due, long latenessMs) {
    }

    /** What one fault's line says, also summed up per kind. */
    record Judged(FaultSchedule.Injected fault, long recoveryMs, List<Long> lateness, long boundMs) {

        long maxLateness() {
            return lateness.isEmpty() ? 0 : Collections.max(lateness);
        }

        /** True when the bound was measured and no alert due in the window was later than it. */
        boolean holds() {
            return recoveryMs >= 0 && maxLateness() <= boundMs;
        }
    }

    private FaultLateness() {
    }

    static List<Judged> judge(List<FaultSchedule.Injected> faults, List<Due> dues, Duration punctuation) {
        List<Judged> out = new ArrayList<>();
        for (FaultSchedule.Injected f : faults) {
            OptionalLong took = f.recovery().tookMs();
            long recovery = took.isPresent() ? took.getAsLong() : -1;
            List<Long> lateness = dues.stream().filter(d -> !d.due().isBefore(f.began()) && !d.due().isAfter(f.windowEnd()))
                    .map(Due::latenessMs).sorted().toList();
            out.add(new Judged(f, recovery, lateness, recovery < 0 ? -1 : recovery + punctuation.toMillis()));
        }
        return out;
    }

    static List<String> lines(List<Judged> judged, Duration punctuation) {
        List<String> lines = new ArrayList<>();
        for (Judged j : judged) {
            lines.add(String.format("lateness by fault: %s (%s): recovery %s, %d warnings/breaches due, %s; bound recovery + "
                            + "punctuation %d ms = %s: %s", j.fault().label(), j.fault().kind(),
                    j.recoveryMs() < 0 ? "not measured (not within " + Recovery.GIVE_UP_MS / 1000 + " s)" : j.recoveryMs() + " ms",
                    j.lateness().size(), percentiles(j.lateness()), punctuation.toMillis(),
                    j.boundMs() < 0 ? "unknown" : j.boundMs() + " ms", verdict(j)));
        }
        Map<Profile.Kind, List<Judged>> byKind = new LinkedHashMap<>();
        judged.forEach(j -> byKind.computeIfAbsent(j.fault().kind(), k -> new ArrayList<>()).add(j));
        byKind.forEach((kind, js) -> {
            List<Long> all = new ArrayList<>();
            js.forEach(j -> all.addAll(j.lateness()));
            Collections.sort(all);
            List<Long> recoveries = js.stream().map(Judged::recoveryMs).toList();
            long held = js.stream().filter(Judged::holds).count();
            lines.add(String.format("lateness by fault kind %s: %d faults, recovery ms %s, %d warnings/breaches due, %s; bound held in %d of %d",
                    kind, js.size(), recoveries, all.size(), percentiles(all), held, js.size()));
        });
        return lines;
    }

    private static String verdict(Judged j) {
        if (j.recoveryMs() < 0) {
            return "not judged";
        }
        if (j.lateness().isEmpty()) {
            return "holds (no alert due)";
        }
        return j.holds() ? "holds" : "exceeded by " + (j.maxLateness() - j.boundMs()) + " ms";
    }

    private static String percentiles(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "lateness -";
        }
        return String.format("lateness p50 %d ms, p99 %d ms, max %d ms", sorted.get((int) Math.floor(0.5 * (sorted.size() - 1))),
                sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))), sorted.get(sorted.size() - 1));
    }
}
