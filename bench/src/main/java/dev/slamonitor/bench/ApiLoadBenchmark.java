package dev.slamonitor.bench;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.api.AlertApiApp;
import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Customer;
import dev.slamonitor.json.Json;
import dev.slamonitor.kafka.embedded.EmbeddedKafkaBroker;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.TicketSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Loopback load on the alert API (docs/benchmarks.md, API section): an embedded broker, one API
 * instance with a view of {@code bench.api.tickets} tickets, then (1) an open-loop load of
 * {@code bench.api.rate} GET /api/v1/tickets/{id} per second for {@code bench.api.seconds}, latency
 * measured from each request's scheduled start (no coordinated omission), and (2) SSE capacity:
 * steps of concurrent stream clients, each step checked by one alert that every client must receive.
 * Client and server share the JVM and the machine's cores, so the numbers are pessimistic.
 */
public final class ApiLoadBenchmark {

    private static final String KEY = "bench-viewer-key";

    private ApiLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tickets = Integer.getInteger("bench.api.tickets", 10_000);
        int rate = Integer.getInteger("bench.api.rate", 1_000);
        int seconds = Integer.getInteger("bench.api.seconds", 30);
        String[] steps = System.getProperty("bench.api.sse.steps", "1000,2500,5000,8000").split(",");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            AppConfig config = AppConfig.load(Map.of()).with(Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "api.http.port", "0", "api.http.host", "127.0.0.1", "api.sse.max.clients", "100000",
                    // Every client of the bench is one address with one key, opening thousands of streams at
                    // once: the per-address and per-key limits would refuse them, and connections must exceed streams.
                    "api.http.max.connections", "200000", "api.http.max.connections.per.address", "200000",
                    "api.rate.limit.address.per.second", "0",
                    "api.rate.limit.key.per.second", "0",
                    "api.auth.keys", ApiKeys.entry("bench", KEY, Role.VIEWER)));
            try (AlertApiApp api = AlertApiApp.start(config);
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(),
                         "linger.ms", "20"), new StringSerializer(), new ByteArraySerializer())) {
                seed(producer, config.string("topic.state"), tickets);
                Vertx vertx = Vertx.vertx();
                OpenLoopLoad.awaitTickets(vertx, api.port(), tickets, Duration.ofSeconds(120));
                load(vertx, api.port(), tickets, rate, 5, false);
                load(vertx, api.port(), tickets, rate, seconds, true);
                sse(vertx, api.port(), producer, config.string("topic.alerts"), steps);
                vertx.close().await();
            }
        }
    }

    private static void seed(KafkaProducer<String, byte[]> producer, String topic, int tickets) throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < tickets; i++) {
            String id = "T-" + i;
            ClockView clock = new ClockView("resolution", "RUNNING", now, now.plus(Duration.ofMinutes(i % 120)),
                    now.plus(Duration.ofMinutes(i % 90)), 7_200_000, 0, "24x7");
            TicketSnapshot s = new TicketSnapshot(id, "open", List.of("critical", "high", "medium", "low").get(i % 4),
                    List.of("L1", "L2", "L3").get(i % 3), "agent-" + (i % 50), new Customer("C-" + (i % 500), "business", false, "UTC"),
                    "team-" + (i % 8), "email", now, now, now, now, 1, 1, 0, i % 3, null, null, null, 3, "default", 1,
                    List.of(clock, new ClockView("first_response", "SATISFIED", now, null, null, 900_000, 60_000, "24x7")),
                    List.of(), List.of(), now);
            producer.send(new ProducerRecord<>(topic, id, Json.mapper().writeValueAsBytes(s)));
        }
        producer.flush();
    }

    private static void load(Vertx vertx, int port, int tickets, int rate, int seconds, boolean report) throws Exception {
        OpenLoopLoad.Result r = OpenLoopLoad.run(vertx, port, KEY, rate, seconds, n -> "get",
                n -> "/api/v1/tickets/T-" + (n * 7919L % tickets));
        if (report) {
            SlaBenchmark.print("(api) GET /api/v1/tickets/{id}: %d requests at %d/s target (achieved %.0f/s), %d errors; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (target p99 < 10 ms)",
                    r.total(), rate, r.answered() / r.elapsedSeconds(), r.errors(), OpenLoopLoad.ms(r.all(), 50),
                    OpenLoopLoad.ms(r.all(), 90), OpenLoopLoad.ms(r.all(), 99), OpenLoopLoad.ms(r.all(), 99.9),
                    r.all().getMaxValue() / 1000.0);
        }
    }

    private static void sse(Vertx vertx, int port, KafkaProducer<String, byte[]> producer, String alertsTopic, String[] steps)
            throws Exception {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(200_000).setMaxWaitQueueSize(-1));
        AtomicInteger received = new AtomicInteger();
        int connected = 0;
        for (String step : steps) {
            int target = Integer.parseInt(step.trim());
            long connectStart = System.nanoTime();
            CountDownLatch open = new CountDownLatch(target - connected);
            AtomicInteger failed = new AtomicInteger();
            for (int i = connected; i < target; i++) {
                RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                        .setURI("/api/v1/alerts/stream").putHeader("Authorization", "Bearer " + KEY);
                client.request(options).compose(r -> r.send()).onComplete(result -> {
                    if (result.succeeded() && result.result().statusCode() == 200) {
                        result.result().handler(b -> {
                            if (b.toString().contains("event: alert")) {
                                received.incrementAndGet();
                            }
                        });
                    } else {
                        failed.incrementAndGet();
                    }
                    open.countDown();
                });
            }
            open.await(120, TimeUnit.SECONDS);
            if (failed.get() > 0) {
                SlaBenchmark.print("(api) SSE: %d of %d connections failed at step %d; stopping", failed.get(), target - connected, target);
                break;
            }
            connected = target;
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            received.set(0);
            Instant firedAt = Instant.now();
            Alert alert = new Alert(Alert.idOf("bench", target), AlertType.BREACH, "T-1", null, "resolution", firedAt, firedAt, 0,
                    "critical", "L1", "team-1", "C-1", "agent-1", "resolution_deadline", "bench alert", "default", 1, Map.of());
            long published = System.nanoTime();
            producer.send(new ProducerRecord<>(alertsTopic, "T-1", Json.mapper().writeValueAsBytes(alert))).get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < target && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double fanOutMs = (System.nanoTime() - published) / 1e6;
            System.gc();
            long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
            SlaBenchmark.print("(api) SSE: %d concurrent clients (connected in %.1f s); one alert reached %d of them in %.0f ms; heap after GC %d MB (client and server in one JVM)",
                    target, connectSeconds, received.get(), fanOutMs, heapMb);
            if (received.get() < target) {
                break;
            }
        }
        client.close().await();
    }
}
