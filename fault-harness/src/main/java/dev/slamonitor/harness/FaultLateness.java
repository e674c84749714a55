package dev.slamonitor.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Lateness of the warnings and breaches due during each fault (from its start to
 * {@link FaultSchedule#AFTERMATH} after it ended) next to that fault's recovery time, against the
 * bound "recovery plus one punctuation interval": an alert due while its partition cannot be
 * processed can only be sent once processing is back, at the next punctuation. One line per fault,
 * then one per kind of fault. Pure.
 */
final class FaultLateness {

    /** An alert raised this long before a processor fault may still be in the transaction the fault aborts. */
    static final Duration UNCOMMITTED = Duration.ofSeconds(1);

    /**
     * One expected alert: when it was due, how late a read_committed consumer saw it, its own restore
     * time (from the due time until the input in Kafka then was applied, {@link InputApplied}, and
     * the processor owning its timer was back, {@link #timerRestoreMs}) and how
     * late the engine raised it ({@code firedAt}); -1 where not measured.
     */
    record Due(String key, Instant due, long latenessMs, long restoreMs, long firedMs) {

        Due(Instant due, long latenessMs) {
            this("", due, latenessMs, -1, -1);
        }
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
            lines.add(String.format("lateness by fault: %s (%s): recovery %s, %d warnings/breaches due, lateness %s; bound recovery + "
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
            lines.add(String.format("lateness by fault kind %s: %d faults, recovery ms %s, %d warnings/breaches due, lateness %s; bound held in %d of %d",
                    kind, js.size(), recoveries, all.size(), percentiles(all), held, js.size()));
        });
        return lines;
    }

    /**
     * Each alert against its own restore: for the alerts due during a fault, then for the others (the
     * reference: what the engine adds after the input is applied when nothing fails), the restore
     * times, how much later the engine raised them (the input watermark's probe, the punctuation) and
     * a consumer saw them (the commit, the fetch), and how many stayed within restore + one
     * punctuation and within restore + one timer cycle (lag probe + punctuation + commit interval).
     * Then the five alerts due during faults that came latest after their restore.
     */
    static List<String> byAlert(List<FaultSchedule.Injected> faults, List<Due> dues, TimerCycle cycle) {
        List<Due> during = new ArrayList<>();
        List<Due> outside = new ArrayList<>();
        for (Due d : dues) {
            boolean inFault = faults.stream().anyMatch(f -> !d.due().isBefore(f.began()) && !d.due().isAfter(f.windowEnd()));
            (inFault ? during : outside).add(d);
        }
        List<String> lines = new ArrayList<>();
        lines.add(alertLine("due during a fault", during, cycle));
        lines.add(alertLine("due outside faults", outside, cycle));
        lines.add("latest after their restore, due during a fault: " + during.stream().filter(d -> d.restoreMs() >= 0)
                .sorted(java.util.Comparator.comparingLong((Due d) -> d.latenessMs() - d.restoreMs()).reversed()).limit(5)
                .map(d -> String.format("%s due %s restore %d ms, fired +%d ms, seen +%d ms", d.key(), d.due(), d.restoreMs(),
                        d.firedMs() - d.restoreMs(), d.latenessMs() - d.restoreMs()))
                .toList());
        return lines;
    }

    /**
     * How long an alert's timer could not run because the processor owning it failed: for a kill or a
     * freeze of the processor that owned {@code timerPartition} when the fault began, due from
     * {@link #UNCOMMITTED} before the fault (raised, but its transaction aborted by the fault) until
     * that fault's recovery, and not seen before the fault began: from its due time until the
     * recovery. -1 when no such fault applies.
     */
    static long timerRestoreMs(List<FaultSchedule.Injected> faults, Instant due, Instant seenAt, TopicPartition timerPartition) {
        long restore = -1;
        for (FaultSchedule.Injected f : faults) {
            OptionalLong took = f.recovery().tookMs();
            if (f.kind() != Profile.Kind.KILL_PROCESSOR && f.kind() != Profile.Kind.FREEZE_PROCESSOR || took.isEmpty()
                    || took.getAsLong() < 0 || !f.recovery().owned(timerPartition) || !seenAt.isAfter(f.began())) {
                continue;
            }
            Instant back = f.began().plusMillis(took.getAsLong());
            if (!due.isBefore(f.began().minus(UNCOMMITTED)) && due.isBefore(back)) {
                restore = Math.max(restore, Duration.between(due, back).toMillis());
            }
        }
        return restore;
    }

    /** What the engine adds, by configuration, between an alert's input being applied and a consumer seeing it. */
    record TimerCycle(Duration probe, Duration punctuation, Duration commit) {

        long millis() {
            return probe.toMillis() + punctuation.toMillis() + commit.toMillis();
        }
    }

    private static String alertLine(String which, List<Due> dues, TimerCycle cycle) {
        List<Due> measured = dues.stream().filter(d -> d.restoreMs() >= 0).toList();
        List<Long> restores = sorted(measured.stream().map(Due::restoreMs).toList());
        List<Long> fired = sorted(measured.stream().filter(d -> d.firedMs() >= 0).map(d -> d.firedMs() - d.restoreMs()).toList());
        List<Long> seen = sorted(measured.stream().map(d -> d.latenessMs() - d.restoreMs()).toList());
        long punct = cycle.punctuation().toMillis();
        return String.format("lateness against each alert's own restore (until the input in Kafka at its deadline was applied, "
                        + "sampled every %d ms, and its timer's processor was back), %d alerts %s (%d not measured): restore %s; after it, raised %s, seen %s; "
                        + "within restore + punctuation %d ms: %d of %d; within restore + one timer cycle (lag probe %d + "
                        + "punctuation %d + commit interval %d = %d ms): %d of %d",
                InputApplied.PERIOD_MS, dues.size(), which, dues.size() - measured.size(), percentiles(restores),
                percentiles(fired), percentiles(seen), punct, seen.stream().filter(b -> b <= punct).count(), measured.size(),
                cycle.probe().toMillis(), punct, cycle.commit().toMillis(), cycle.millis(),
                seen.stream().filter(b -> b <= cycle.millis()).count(), measured.size());
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
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
            return "-";
        }
        return String.format("p50 %d ms, p99 %d ms, max %d ms", sorted.get((int) Math.floor(0.5 * (sorted.size() - 1))),
                sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))), sorted.get(sorted.size() - 1));
    }
}
