package dev.slamonitor.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load of authenticated GETs on the API over loopback: request {@code n} is due at
 * {@code start + n / rate}, a 1 ms timer sends whatever is due, and latency counts from the due time,
 * so a stall shows as latency instead of slowing the schedule (no coordinated omission).
 */
final class OpenLoopLoad {

    /** What one run measured, overall and per kind of request. */
    record Result(int total, long answered, double elapsedSeconds, int errors, boolean finished, Histogram all,
                  Map<String, Histogram> byKind) {
    }

    private OpenLoopLoad() {
    }

    /** Sends {@code rate * seconds} GETs of {@code uri(n)}, each counted under {@code kind(n)}. */
    static Result run(Vertx vertx, int port, String key, int rate, int seconds, IntFunction<String> kind,
                      IntFunction<String> uri) throws Exception {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(600), 3);
        Map<String, Histogram> byKind = new LinkedHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / rate;
        AtomicInteger sent = new AtomicInteger();
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            while (sent.get() < total && start + sent.get() * intervalNanos <= now) {
                int n = sent.getAndIncrement();
                long scheduled = start + n * intervalNanos;
                Histogram own = byKind.computeIfAbsent(kind.apply(n), k -> new Histogram(TimeUnit.SECONDS.toMicros(600), 3));
                RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                        .setURI(uri.apply(n)).putHeader("Authorization", "Bearer " + key);
                client.request(options).compose(r -> r.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                        .onComplete(result -> {
                            if (result.failed() || result.result() != 200) {
                                errors.incrementAndGet();
                            }
                            long micros = Math.min(Math.max(0, (System.nanoTime() - scheduled) / 1000), all.getHighestTrackableValue());
                            all.recordValue(micros);
                            own.recordValue(micros);
                            done.countDown();
                        });
            }
        });
        boolean finished = done.await(seconds + 120L, TimeUnit.SECONDS);
        vertx.cancelTimer(timer);
        double elapsed = (System.nanoTime() - start) / 1e9;
        client.close().await();
        return new Result(total, total - done.getCount(), elapsed, errors.get(), finished, all, byKind);
    }

    /** Waits until {@code /health/ready} is UP with {@code tickets} tickets in the view. */
    static void awaitTickets(Vertx vertx, int port, int tickets, Duration timeout) throws Exception {
        HttpClientAgent client = vertx.createHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String body = client.request(HttpMethod.GET, port, "127.0.0.1", "/health/ready")
                    .compose(r -> r.send().compose(resp -> resp.body())).await().toString();
            if (body.contains("\"tickets\":" + tickets) && body.startsWith("{\"status\":\"UP\"")) {
                client.close().await();
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("view did not load " + tickets + " tickets");
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
