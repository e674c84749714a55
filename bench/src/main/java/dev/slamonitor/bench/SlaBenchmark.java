package dev.slamonitor.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every SLA benchmark in one JVM on one embedded broker and prints the numbers as log lines
 * starting with {@code BENCH} (docs/benchmarks.md has the command, the system properties and the
 * recorded results). Sizes come from system properties so that a quick run takes a few minutes:
 * <ul>
 *   <li>{@code bench.throughput.tickets} (40000), {@code bench.throughput.eventsPerTicket} (5),
 *       {@code bench.throughput.warmup.tickets} (10000, a first unmeasured round): (a)</li>
 *   <li>{@code bench.open.steps} (10000,100000,1000000): open-ticket counts, reached in order</li>
 *   <li>{@code bench.probe.steps} (100000,1000000): steps at which breach lateness is measured</li>
 *   <li>{@code bench.probes} (500): probe tickets per lateness measurement</li>
 *   <li>{@code bench.idle.seconds} (10): idle window over which punctuation cost is averaged</li>
 *   <li>{@code bench.burst.sizes} (10000,100000): tickets sharing one deadline per burst; {@code bench.idle.writes.seconds} (60)</li>
 *   <li>{@code bench.skip} (none): comma-separated parts to skip, {@code throughput}, {@code burst} or {@code open}</li>
 * </ul>
 */
public final class SlaBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(SlaBenchmark.class);

    private SlaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = Integer.getInteger("bench.throughput.tickets", 40_000);
        int eventsPerTicket = Integer.getInteger("bench.throughput.eventsPerTicket", 5);
        int warmUpTickets = Integer.getInteger("bench.throughput.warmup.tickets", 10_000);
        List<Integer> steps = ints(System.getProperty("bench.open.steps", "10000,100000,1000000"));
        List<Integer> probeSteps = ints(System.getProperty("bench.probe.steps", "100000,1000000"));
        int probes = Integer.getInteger("bench.probes", 500);
        Duration idle = Duration.ofSeconds(Integer.getInteger("bench.idle.seconds", 10));
        List<String> skip = Arrays.asList(System.getProperty("bench.skip", "").split(","));
        print("machine: %d cores visible, max heap %d MB, load average %.2f (cores shared with other builds)",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (BenchCluster cluster = new BenchCluster()) {
            if (!skip.contains("throughput")) {
                ThroughputBenchmark.Result tp = ThroughputBenchmark.run(cluster, tickets, eventsPerTicket, warmUpTickets);
                print("(a) throughput, exactly_once_v2, %d events", tp.events());
                report("identity pass-through", tp.passThrough());
                report("stateful pass-through", tp.stateful());
                report("validated ingest", tp.ingest());
                report("SLA topology", tp.sla());
                report("full processor", tp.full());
                ratio("validated ingest / identity pass-through", tp.ingest(), tp.passThrough(), "(target >= 0.60)");
                ratio("SLA topology / stateful pass-through", tp.sla(), tp.stateful(), "(target >= 0.60; stream CPU target <= 20 us)");
                ratio("full processor / stateful pass-through", tp.full(), tp.stateful(), "(stream CPU target <= 30 us)");
                ratio("SLA topology / identity pass-through", tp.sla(), tp.passThrough(), "(recorded)");
                print("(a) table | %-24s | %9s | %14s | %11s | %16s |", "application", "events/s", "stream us/ev", "JVM us/ev", "written per event");
                for (var row : List.of(Map.entry("identity pass-through", tp.passThrough()), Map.entry("stateful pass-through", tp.stateful()),
                        Map.entry("validated ingest", tp.ingest()), Map.entry("SLA topology", tp.sla()), Map.entry("full processor", tp.full()))) {
                    ThroughputBenchmark.Run r = row.getValue();
                    print("(a) table | %-24s | %9.0f | %14.1f | %11.1f | %16.2f |", row.getKey(), r.rate().perSecond(),
                            r.rate().streamCpuMicrosPerEvent(), r.rate().jvmCpuMicrosPerEvent(), written(r));
                }
            }
            if (!skip.contains("burst")) {
                BurstBenchmark.runAndPrint(cluster);
            }
            if (!skip.contains("open")) {
                for (OpenTicketsBenchmark.Step step : new OpenTicketsBenchmark(cluster).run(steps, probeSteps, probes, idle)) {
                    report(step);
                }
            }
        }
        print("load average at the end %.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void report(String name, ThroughputBenchmark.Run run) {
        print("(a) %s: %.0f ev/s; stream thread CPU %.1f us/event; whole-JVM CPU %.1f us/event; records written per event %.2f %s",
                name, run.rate().perSecond(), run.rate().streamCpuMicrosPerEvent(), run.rate().jvmCpuMicrosPerEvent(), written(run),
                run.writtenPerEvent().entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).toList());
    }

    private static void ratio(String name, ThroughputBenchmark.Run run, ThroughputBenchmark.Run reference, String target) {
        print("(a) ratio %s: rate %.2f %s; stream CPU %.2fx, whole-JVM CPU %.2fx", name,
                run.rate().perSecond() / reference.rate().perSecond(), target,
                run.rate().streamCpuMicrosPerEvent() / reference.rate().streamCpuMicrosPerEvent(),
                run.rate().jvmCpuMicrosPerEvent() / reference.rate().jvmCpuMicrosPerEvent());
    }

    /** Records written per input event, transaction markers included. */
    private static double written(ThroughputBenchmark.Run run) {
        return run.writtenPerEvent().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static void report(OpenTicketsBenchmark.Step s) {
        print("open tickets %d: loaded at %.0f ev/s (TICKET_OPENED only)", s.openTickets(), s.loadEventsPerSecond());
        print("(c) open tickets %d: punctuation with no due timer: mean %.1f us over %d punctuations (recent max %.1f us)",
                s.openTickets(), s.idlePunctuation().meanMicros(), s.idlePunctuation().count(), s.idlePunctuation().maxMicros());
        if (s.visible() != null) {
            print("(b) open tickets %d: breach lateness seen by a read_committed consumer: p50 %d ms, p99 %d ms, max %d ms over %d probes (target p99 <= 150 ms at 1 M open)",
                    s.openTickets(), s.visible().p50Ms(), s.visible().p99Ms(), s.visible().maxMs(), s.visible().count());
            print("(b) open tickets %d: firedAt - deadline: p50 %d ms, p99 %d ms, max %d ms",
                    s.openTickets(), s.fired().p50Ms(), s.fired().p99Ms(), s.fired().maxMs());
        }
        if (s.memory() != null) {
            ProcessMemory m = s.memory();
            print("(d) open tickets %d: heap after GC %d MB (broker in the same JVM), RSS %d MB, state dir on disk %d MB",
                    s.openTickets(), m.heapAfterGcBytes() >> 20, m.rssBytes() >> 20, m.stateDirBytes() >> 20);
            for (Map.Entry<String, Long> store : m.storeBytes().entrySet()) {
                print("(d)   store %s: %.1f MB", store.getKey(), store.getValue() / 1048576.0);
            }
        }
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(v -> !v.isEmpty()).map(Integer::valueOf).toList();
    }

    static void print(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        LOG.info("BENCH {}", line);
    }
}
