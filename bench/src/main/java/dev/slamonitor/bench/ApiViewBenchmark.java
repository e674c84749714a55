package dev.slamonitor.bench;

import dev.slamonitor.api.AlertApiApp;
import dev.slamonitor.api.tickets.TicketView;
import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Customer;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.embedded.EmbeddedKafkaBroker;
import dev.slamonitor.state.AlertSummary;
import dev.slamonitor.state.ClockCycleView;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.SlaEventView;
import dev.slamonitor.state.TicketSnapshot;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The API's live ticket view at scale (docs/benchmarks.md, "API view"): (1) heap bytes per ticket of
 * the view itself, as the heap delta after GC of loading {@code bench.view.tickets} snapshots (each
 * read from JSON like the feed does) into a {@link TicketView}, for a plain ticket (two clocks) and a
 * full one (clocks, an alert summary, a completed cycle, clock events); (2) the real HTTP server on
 * loopback with the same number of full tickets loaded through Kafka, under an open-loop mix of
 * {@code bench.view.rate} requests/s for {@code bench.view.seconds}: get one ticket, the first page,
 * and filtered pages by state, severity, both, team with tier, and one customer (200 tickets). Latency counts from each request's
 * scheduled start (no coordinated omission); client, server and broker share the JVM.
 */
public final class ApiViewBenchmark {

    private static final String KEY = "bench-viewer-key";
    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
    private static final List<String> TIERS = List.of("L1", "L2", "L3");
    private static final String[] KINDS = {"get", "get", "get", "list", "state=breached", "severity=critical",
            "state=at_risk&severity=high", "team=team-3&tier=L2", "customer=C-42"};

    private ApiViewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = Integer.getInteger("bench.view.tickets", 1_000_000);
        int rate = Integer.getInteger("bench.view.rate", 1_000);
        int seconds = Integer.getInteger("bench.view.seconds", 30);
        Instant now = Instant.now();
        if (!Boolean.getBoolean("bench.view.skip.heap")) {
            heapPerTicket("plain (two clocks)", tickets, i -> plain(i, now));
            heapPerTicket("full (clocks, alert, cycle, events)", tickets, i -> full(i, now));
        }
        if (!Boolean.getBoolean("bench.view.skip.http")) {
            http(tickets, rate, seconds, now);
        }
    }

    private static void heapPerTicket(String shape, int tickets, java.util.function.IntFunction<TicketSnapshot> snapshot)
            throws Exception {
        long before = usedAfterGc();
        TicketView view = new TicketView(200_000);
        long start = System.nanoTime();
        for (int i = 0; i < tickets; i++) {
            // read from JSON as the feed does, so no two tickets share a string or an instant by accident
            byte[] json = Json.mapper().writeValueAsBytes(snapshot.apply(i));
            view.applySnapshot(new String(id(i)), Json.mapper().readValue(json, TicketSnapshot.class));
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        long after = usedAfterGc();
        SlaBenchmark.print("(api view) %s: %d tickets, heap %.1f MB after GC, %d bytes per ticket (target <= 1024); loaded in %.1f s",
                shape, view.ticketCount(), (after - before) / 1e6, (after - before) / tickets, loadSeconds);
        Reference.reachabilityFence(view);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String id(int i) {
        return String.format("T-%07d", i);
    }

    static TicketSnapshot plain(int i, Instant now) {
        ClockView clock = new ClockView("resolution", "RUNNING", now, now.plus(Duration.ofMinutes(i % 120)),
                now.plus(Duration.ofMinutes(i % 90)), 7_200_000, 0, "24x7");
        return new TicketSnapshot(id(i), "open", SEVERITIES.get(i % 4), TIERS.get(i % 3), "agent-" + (i % 50),
                new Customer("C-" + (i % 500), "business", false, "UTC"), "team-" + (i % 8), "email", now, now, now, now, 1, 1, 0,
                i % 3, null, null, null, 3, "default", 1,
                List.of(clock, new ClockView("first_response", "SATISFIED", now, null, null, 900_000, 60_000, "24x7")),
                List.of(), List.of(), now);
    }

    /** A ticket as the processor writes it after a while: a quarter breached, a quarter at risk. */
    static TicketSnapshot full(int i, Instant now) {
        Instant opened = now.minus(Duration.ofMinutes(30 + i % 600)).plusMillis(i % 1000);
        Instant deadline = now.plus(Duration.ofMinutes(i % 240 - 60)).plusMillis(i % 997);
        ClockView resolution = new ClockView("resolution", "RUNNING", opened, deadline, deadline.minus(Duration.ofMinutes(60)),
                14_400_000, 3_600_000 + i % 1000, "business-hours", 1, null, 0L);
        ClockView firstResponse = new ClockView("first_response", "SATISFIED", opened, null, null, 900_000, 420_000 + i % 1000,
                "24x7", 1, opened.plusSeconds(420), 0L);
        Instant replied = opened.plusSeconds(420);
        return new TicketSnapshot(id(i), "open", SEVERITIES.get(i % 4), TIERS.get(i % 3), "agent-" + (i % 50),
                new Customer("C-" + (i % 5000), "business", i % 17 == 0, "Europe/Paris"), "team-" + (i % 8), "email", opened,
                replied, replied, opened, 1, 1, 0, i % 3 == 0 ? 0 : 1, null, null, null, 4, "default", 3,
                List.of(firstResponse, resolution),
                List.of(new AlertSummary("warn-" + Long.toHexString(i * 2654435761L), "WARNING", "resolution", "tier_time_limit", 0,
                        deadline.minus(Duration.ofMinutes(60)), false)),
                List.of(), now.plusMillis(i % 1000),
                List.of(new ClockCycleView("first_response", 1, "L1", "24x7", opened, replied, 900_000, 420_000, 0, "met", false, null)),
                List.of(new SlaEventView("first_response", 1, "activate", opened, 900_000L),
                        new SlaEventView("resolution", 1, "activate", opened, 14_400_000L),
                        new SlaEventView("first_response", 1, "fulfil", replied, null)));
    }

    private static void http(int tickets, int rate, int seconds, Instant now) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            AppConfig config = AppConfig.load(Map.of()).with(Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "api.http.port", "0", "api.http.host", "127.0.0.1",
                    "api.rate.limit.address.per.second", "0", "api.rate.limit.key.per.second", "0",
                    "api.auth.keys", ApiKeys.entry("bench", KEY, Role.VIEWER)));
            try (AlertApiApp api = AlertApiApp.start(config);
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                         "linger.ms", "20", "batch.size", "262144", "compression.type", "lz4"), new StringSerializer(),
                         new ByteArraySerializer())) {
                long start = System.nanoTime();
                for (int i = 0; i < tickets; i++) {
                    producer.send(new ProducerRecord<>(config.string("topic.state"), id(i), Json.mapper().writeValueAsBytes(full(i, now))));
                }
                producer.flush();
                Vertx vertx = Vertx.vertx();
                OpenLoopLoad.awaitTickets(vertx, api.port(), tickets, Duration.ofMinutes(15));
                SlaBenchmark.print("(api view) HTTP server: %d tickets produced and loaded into the view in %.1f s; heap after GC %d MB (broker, API and client in one JVM)",
                        tickets, (System.nanoTime() - start) / 1e9, usedAfterGc() / (1024 * 1024));
                load(vertx, api.port(), tickets, rate, 5, false);
                load(vertx, api.port(), tickets, rate, seconds, true);
                vertx.close().await();
            }
        }
    }

    private static void load(Vertx vertx, int port, int tickets, int rate, int seconds, boolean report) throws Exception {
        OpenLoopLoad.Result r = OpenLoopLoad.run(vertx, port, KEY, rate, seconds, n -> KINDS[n % KINDS.length], n -> {
            String kind = KINDS[n % KINDS.length];
            return kind.equals("get") ? "/api/v1/tickets/" + id((int) (n * 7919L % tickets))
                    : "/api/v1/tickets?limit=50" + (kind.equals("list") ? "" : "&" + kind);
        });
        if (report) {
            SlaBenchmark.print("(api view) mixed load at %d req/s for %d s: %d of %d answered in %.0f s%s, %d errors; all: p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 10 ms)",
                    rate, seconds, r.answered(), r.total(), r.elapsedSeconds(), r.finished() ? "" : " (gave up waiting)", r.errors(),
                    OpenLoopLoad.ms(r.all(), 50), OpenLoopLoad.ms(r.all(), 99), r.all().getMaxValue() / 1000.0);
            r.byKind().forEach((kind, h) -> SlaBenchmark.print("(api view)   %-28s %6d requests: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                    kind, h.getTotalCount(), OpenLoopLoad.ms(h, 50), OpenLoopLoad.ms(h, 99), h.getMaxValue() / 1000.0));
        }
    }
}
