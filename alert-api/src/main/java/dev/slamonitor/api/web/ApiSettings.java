package dev.slamonitor.api.web;

import dev.slamonitor.config.AppConfig;
import java.time.Duration;

/**
 * The HTTP API's settings from configuration, read (and so validated) once, before anything listens.
 *
 * @param host              bind address
 * @param port              listen port (0 picks a free one)
 * @param bodyLimitBytes    largest accepted request body
 * @param metricsPublic     whether /metrics needs no credential
 * @param batchMaxEvents    events in one batch ingest at most
 * @param dedupCapacity     accepted eventIds remembered for retries
 * @param pageDefault       default page size of ticket lists
 * @param pageMax           largest page size of ticket lists
 * @param sseReplay         alerts kept for Last-Event-ID resume
 * @param sseHeartbeat      interval of the SSE comment heartbeat
 * @param sseClientQueue    events queued for one slow SSE client before it is disconnected
 * @param sseMaxClients     concurrent SSE clients at most
 * @param gaugeRefresh      interval of the view gauges' recomputation
 * @param alertBookMax      alert keys the alert book holds at most
 */
public record ApiSettings(String host, int port, int bodyLimitBytes, boolean metricsPublic, int batchMaxEvents,
                          int dedupCapacity, int pageDefault, int pageMax, int sseReplay, Duration sseHeartbeat,
                          int sseClientQueue, int sseMaxClients, Duration gaugeRefresh, int alertBookMax) {

    public static ApiSettings from(AppConfig config) {
        return new ApiSettings(config.string("api.http.host"), config.port("api.http.port"),
                config.integer("api.body.limit.bytes", 1, Integer.MAX_VALUE), config.bool("api.metrics.public"),
                config.integer("api.ingest.batch.max.events", 1, 100_000),
                config.integer("api.ingest.dedup.capacity", 1, 10_000_000),
                config.integer("api.tickets.page.default", 1, 10_000), config.integer("api.tickets.page.max", 1, 10_000),
                config.integer("api.sse.replay.size", 1, 1_000_000), positive(config, "api.sse.heartbeat"),
                config.integer("api.sse.client.queue", 1, 100_000), config.integer("api.sse.max.clients", 1, 1_000_000),
                positive(config, "api.view.gauge.refresh"), config.integer("api.alerts.book.max", 1, 10_000_000));
    }

    private static Duration positive(AppConfig config, String key) {
        Duration value = config.duration(key);
        if (value.isZero() || value.isNegative()) {
            config.problem(config.invalid(key, "a positive duration such as 15s"));
            return Duration.ofSeconds(1);
        }
        return value;
    }
}
