package dev.slamonitor.harness;

import dev.slamonitor.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run saw against what the oracle expected, one figure per line. Alert records are matched by
 * ticket + type + clock + level + lifecycle state (the identity the oracle can know without the
 * engine's code).
 *
 * @param missingSuperseded missing warnings whose breach says {@code warningSuperseded}: the engine evaluated
 *                          the clock only once both were due, skipped the warning on purpose and counted it
 *                          (slamon_warnings_superseded_total)
 * @param byFault           lateness per fault and per kind of fault against its recovery ({@link FaultLateness})
 * @param unexpectedLateInput unexpected alerts explained by {@link LateInput}: an event planned before the alert's
 *                          due time that the cluster acknowledged only at or after it
 * @param byAlert           lateness of each alert against its own restore ({@link InputApplied}), during faults and outside them
 */
public record HarnessReport(String profile, long seed, int tickets, int expected, int missing, int missingBreaches,
                            int missingSuperseded, int duplicateIds, int duplicateKeys, int unexpected,
                            int unexpectedLateInput, List<String> unexpectedSamples, List<String> missingSamples, long[] faultLateness,
                            long[] allLateness, long longestSilenceMs, Map<String, Long> readyWhileStuckMs,
                            Map<String, Long> readyWhileStuckAcrossOwnersMs, List<Long> failoverMs,
                            List<String> faults, List<String> byFault, List<String> byAlert, String loadStart, String loadEnd) {

    private static final Logger LOG = LoggerFactory.getLogger(HarnessReport.class);

    /**
     * Whether the run met the bar: nothing missing (beyond counted superseded warnings), duplicated or
     * unexpected (beyond alerts explained by input the cluster acknowledged only after their due time).
     */
    public boolean passed() {
        return missing - missingSuperseded == 0 && duplicateIds == 0 && duplicateKeys == 0 && unexplained() == 0;
    }

    /** Unexpected alerts that no late input explains: false pages. */
    public int unexplained() {
        return unexpected - unexpectedLateInput;
    }

    static String key(Alert a) {
        return Oracle.Expected.key(a.ticketId(), a.type().name(), a.level(), a.state().name());
    }

    static HarnessReport of(Profile profile, long seed, List<Oracle.Expected> expected, List<AlertRecorder.Seen> seen,
                            Map<String, Instant> ackAcceptedAt, List<FaultSchedule.Injected> injected, Duration punctuation,
                            FaultLateness.TimerCycle cycle, Observer observer, InputApplied applied, LateInput lateInput,
                            String loadStart, String loadEnd) {
        List<Instant[]> windows = injected.stream().map(f -> new Instant[] {f.began(), f.windowEnd()}).toList();
        List<String> faults = injected.stream().map(FaultSchedule.Injected::label).toList();
        List<FaultLateness.Due> dues = new ArrayList<>();
        Map<String, List<AlertRecorder.Seen>> byKey = new HashMap<>();
        seen.forEach(s -> byKey.computeIfAbsent(key(s.alert()), k -> new ArrayList<>()).add(s));
        Set<String> expectedKeys = expected.stream().map(Oracle.Expected::key).collect(Collectors.toSet());
        // An ACKED ticket whose ack the API accepted only after the first re-notification was due may re-notify.
        Set<String> allowed = new HashSet<>(expectedKeys);
        for (AlertRecorder.Seen s : seen) {
            Alert a = s.alert();
            Instant ackAt = ackAcceptedAt.get(a.ticketId());
            if (a.type().name().equals("BREACH") && a.notifies() && ackAt != null) {
                for (int level = 1; level <= Oracle.RENOTIFY_LEVELS; level++) {
                    // re-notifications are due from the breach's deadline (24x7), however late the breach itself was sent
                    if (ackAt.isAfter(a.deadline().plus(Oracle.RENOTIFY_INTERVAL.multipliedBy(level)).minusSeconds(1))) {
                        allowed.add(Oracle.Expected.key(a.ticketId(), "RENOTIFY", level, "TRIGGERED"));
                    }
                }
            }
        }
        // breaches first, so the samples show what matters most
        List<String> missingKeys = expectedKeys.stream().filter(k -> !byKey.containsKey(k))
                .sorted(java.util.Comparator.comparing((String k) -> !k.contains("|BREACH|first_response|0|TRIGGERED")).thenComparing(k -> k)).toList();
        int missingBreaches = (int) missingKeys.stream().filter(k -> k.contains("|BREACH|first_response|0|TRIGGERED")).count();
        int superseded = (int) missingKeys.stream().filter(k -> k.contains("|WARNING|")).filter(k -> {
            String ticket = k.substring(0, k.indexOf('|'));
            List<AlertRecorder.Seen> breach = byKey.get(Oracle.Expected.key(ticket, "BREACH", 0, "TRIGGERED"));
            if (breach == null) {
                return false;
            }
            // the engine says so on the breach when it skipped the warning on purpose (counted in its metric)
            return breach.stream().anyMatch(b -> b.alert().details() != null
                    && Boolean.TRUE.equals(b.alert().details().get("warningSuperseded")));
        }).count();
        int duplicateIds = seen.size() - (int) seen.stream().map(s -> s.alert().alertId()).distinct().count();
        Map<String, Set<String>> idsByIdentity = new HashMap<>();
        seen.forEach(s -> idsByIdentity.computeIfAbsent(key(s.alert()) + "|" + s.alert().deadline(), k -> new HashSet<>())
                .add(s.alert().alertId()));
        int duplicateKeys = idsByIdentity.values().stream().mapToInt(ids -> ids.size() - 1).sum();
        List<String> unexpected = byKey.keySet().stream().filter(k -> !allowed.contains(k)).sorted().toList();
        // a RESOLVED or ACKNOWLEDGED record follows its TRIGGERED one: judged by the trigger's due time
        List<String> lateInputKeys = unexpected.stream().filter(k -> {
            List<AlertRecorder.Seen> trigger = byKey.get(k.substring(0, k.lastIndexOf('|')) + "|TRIGGERED");
            return trigger != null && lateInput.explains(trigger.get(0).alert().ticketId(), dueOf(trigger.get(0).alert()));
        }).toList();
        lateInputKeys.stream().map(k -> k.substring(0, k.indexOf('|'))).distinct().limit(5).forEach(t ->
                LOG.info("HARNESS-DETAIL unexpected alert of {} explained by late input: {}", t, lateInput.describe(t)));
        List<Long> duringFaults = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (Oracle.Expected e : expected) {
            List<AlertRecorder.Seen> got = byKey.get(e.key());
            if (e.due() == null || got == null) {
                continue;
            }
            long lateness = Duration.between(e.due(), got.get(0).receivedAt()).toMillis();
            all.add(lateness);
            long appliedAt = applied.appliedAt(e.due().toEpochMilli());
            long restore = appliedAt < 0 ? -1 : Math.max(Math.max(0, appliedAt - e.due().toEpochMilli()),
                    FaultLateness.timerRestoreMs(injected, e.due(), got.get(0).receivedAt(), applied.timerPartition(e.ticketId())));
            Alert first = got.get(0).alert();
            dues.add(new FaultLateness.Due(e.key(), e.due(), lateness, restore,
                    first.firedAt() == null ? -1 : Duration.between(e.due(), first.firedAt()).toMillis()));
            if (windows.stream().anyMatch(w -> !e.due().isBefore(w[0]) && !e.due().isAfter(w[1]))) {
                duringFaults.add(lateness);
            }
        }
        return new HarnessReport(profile.name(), seed, (int) expected.stream().map(Oracle.Expected::ticketId).distinct().count(),
                expectedKeys.size(), missingKeys.size(), missingBreaches, superseded, duplicateIds, duplicateKeys,
                unexpected.size(), lateInputKeys.size(), unexpected.stream().limit(10).toList(), missingKeys.stream().limit(10).toList(),
                percentiles(duringFaults), percentiles(all), observer.longestSilenceMs(), observer.readyWhileStuckMs(),
                observer.readyWhileStuckAcrossOwnersMs(),
                observer.failovers().stream().map(f -> f[1]).toList(),
                faults, FaultLateness.lines(FaultLateness.judge(injected, dues, punctuation), punctuation),
                FaultLateness.byAlert(injected, dues, cycle), loadStart, loadEnd);
    }

    /** When the alert was due: the warning point or re-notification the engine says (details.dueAt), else the deadline. */
    private static Instant dueOf(Alert a) {
        Object dueAt = a.details() == null ? null : a.details().get("dueAt");
        return dueAt == null ? a.deadline() : Instant.parse(dueAt.toString());
    }

    /** p50, p99, max and count, in milliseconds. */
    private static long[] percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return new long[] {0, 0, 0, 0};
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new long[] {sorted.get((int) Math.floor(0.5 * (sorted.size() - 1))),
                sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))), sorted.get(sorted.size() - 1), sorted.size()};
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("profile %s, seed %d, %d tickets, load average %s at start, %s at end", profile, seed,
                tickets, loadStart, loadEnd));
        faults.forEach(f -> lines.add("fault " + f));
        lines.add("expected alerts: " + expected);
        lines.add("missing: " + missing + " (breaches " + missingBreaches + ", warnings superseded by their breach "
                + missingSuperseded + ")" + (missingSamples.isEmpty() ? "" : " e.g. " + missingSamples));
        lines.add("duplicate by alertId: " + duplicateIds);
        lines.add("duplicate by ticket+type+clock+deadline: " + duplicateKeys);
        lines.add("unexpected: " + unexpected + ", of which explained by input the cluster acknowledged only after the alert was due: "
                + unexpectedLateInput + (unexpectedSamples.isEmpty() ? "" : " e.g. " + unexpectedSamples));
        lines.add(String.format("lateness of alerts due during a fault (%d): p50 %d ms, p99 %d ms, max %d ms",
                faultLateness[3], faultLateness[0], faultLateness[1], faultLateness[2]));
        lines.add(String.format("lateness of all warnings and breaches (%d): p50 %d ms, p99 %d ms, max %d ms",
                allLateness[3], allLateness[0], allLateness[1], allLateness[2]));
        lines.addAll(byFault);
        lines.addAll(byAlert);
        lines.add("longest silence while input was pending: " + longestSilenceMs + " ms");
        lines.add("failover after kill -9, ms until every partition the killed processor owned processed again (-1: not within 2 min): "
                + failoverMs);
        lines.add("health truthfulness, seconds ready while owning a stuck partition: " + readyWhileStuckMs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " " + e.getValue() / 1000.0)
                .collect(Collectors.joining(", ")));
        lines.add("health truthfulness, earlier definition (a partition's time without progress counted across owners), seconds: "
                + readyWhileStuckAcrossOwnersMs.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue() / 1000.0).collect(Collectors.joining(", ")));
        lines.add("result: " + (passed() ? "PASS" : "FAIL"));
        return lines;
    }

    HarnessReport log() {
        lines().forEach(line -> LOG.info("HARNESS {}", line));
        return this;
    }
}
