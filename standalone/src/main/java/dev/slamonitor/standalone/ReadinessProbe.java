package dev.slamonitor.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits for a service's {@code GET /health/ready} to answer 200, over HTTP like any orchestrator
 * would, so the launcher reports "ready" only when the service itself says so.
 */
final class ReadinessProbe {

    private static final Duration POLL = Duration.ofMillis(100);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Blocks until {@code url} answers 200; throws with the last answer when {@code timeout} passes. */
    void await(String service, URI url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + service + " to be ready", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " was not ready within " + timeout.toSeconds() + " s (standalone.ready.timeout); "
                        + url + " last answered: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + service + " to be ready", e);
            }
        }
    }
}
