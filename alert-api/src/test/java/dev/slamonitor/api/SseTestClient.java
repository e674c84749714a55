package dev.slamonitor.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal server-sent-events client for tests: connects, parses frames, queues alert events. */
public final class SseTestClient implements AutoCloseable {

    /** One received event. */
    public record Event(String id, String event, JsonObject data) {
    }

    private final HttpClient client;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    private final StringBuilder pending = new StringBuilder();
    private final List<String> comments = new ArrayList<>();
    private HttpClientResponse response;

    public SseTestClient(Vertx vertx, int port, String query, String key, String lastEventId) throws Exception {
        this.client = vertx.createHttpClient();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                .setURI("/api/v1/alerts/stream" + query).putHeader("Authorization", "Bearer " + key);
        if (lastEventId != null) {
            options.putHeader("Last-Event-ID", lastEventId);
        }
        response = client.request(options).compose(req -> req.send()).map(resp -> {
            // Set on the event loop as the response arrives, before any chunk can be delivered.
            resp.handler(buffer -> {
                synchronized (pending) {
                    pending.append(buffer.toString());
                    int end;
                    while ((end = pending.indexOf("\n\n")) >= 0) {
                        parse(pending.substring(0, end));
                        pending.delete(0, end + 2);
                    }
                }
            });
            return resp;
        }).await();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("stream answered " + response.statusCode());
        }
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no connected comment");
        }
    }

    private void parse(String frame) {
        String id = null;
        String event = null;
        String data = null;
        for (String line : frame.split("\n")) {
            if (line.startsWith(":")) {
                comments.add(line);
                if (line.contains("connected")) {
                    connected.countDown();
                }
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = line.substring(6);
            }
        }
        if (data != null) {
            events.add(new Event(id, event, new JsonObject(data)));
        }
    }

    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int statusCode() {
        return response.statusCode();
    }

    @Override
    public void close() {
        client.close().await();
    }
}
