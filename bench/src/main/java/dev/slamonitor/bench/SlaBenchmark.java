package dev.slamonitor.bench;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every SLA benchmark in one JVM on one embedded broker and prints the numbers
 * (docs/benchmarks.md has the command and recorded results).
 */
public final class SlaBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(SlaBenchmark.class);

    private SlaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = Integer.getInteger("bench.throughput.tickets", 40_000);
        int eventsPerTicket = Integer.getInteger("bench.throughput.eventsPerTicket", 5);
        try (BenchCluster cluster = new BenchCluster()) {
            ThroughputBenchmark.Result tp = ThroughputBenchmark.run(cluster, tickets, eventsPerTicket);
            print("(a) throughput, exactly_once_v2, %d events: pass-through %.0f ev/s, SLA topology %.0f ev/s, ratio %.2f (target >= 0.60)",
                    tp.events(), tp.passThroughPerSecond(), tp.slaPerSecond(), tp.ratio());
        }
    }

    static void print(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        LOG.info("BENCH {}", line);
    }
}
