package dev.slamonitor.harness;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges an ACKED ticket's breach through the alert API as soon as it is seen, as a person on
 * call would, retrying while the API is busy or restarting; remembers when the API accepted each ack
 * (a re-notification due before that is allowed).
 */
final class Acknowledger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);

    private final int apiPort;
    private final Map<String, Workload.Kind> kinds;
    private final Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Acknowledger(int apiPort, Map<String, Workload.Kind> kinds) {
        this.apiPort = apiPort;
        this.kinds = kinds;
    }

    /** When the API accepted the ack of each acknowledged ticket. */
    Map<String, Instant> acceptedAt() {
        return acceptedAt;
    }

    void onAlert(Alert alert) {
        if (alert.type() != AlertType.BREACH || !alert.notifies() || kinds.get(alert.ticketId()) != Workload.Kind.ACKED
                || acceptedAt.containsKey(alert.ticketId())) {
            return;
        }
        sender.submit(() -> acknowledge(alert));
    }

    private void acknowledge(Alert alert) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                                + "/api/v1/alerts/" + alert.alertId() + "/ack"))
                        .header("Authorization", "Bearer " + HarnessCluster.API_KEY).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(3))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"harness\",\"note\":\"seen\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    acceptedAt.put(alert.ticketId(), Instant.now());
                    return;
                }
            } catch (Exception e) {
                // API busy or restarting: retry
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
        }
        LOG.warn("HARNESS could not acknowledge {} of {} through the API within 30 s", alert.alertId(), alert.ticketId());
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
