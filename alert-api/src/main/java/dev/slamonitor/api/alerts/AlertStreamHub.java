package dev.slamonitor.api.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.Json;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Fans alerts out to server-sent-event clients. Every alert becomes one frame whose {@code id:} is
 * the alerts-topic position after it ({@link StreamPosition}), so a reconnecting client's
 * {@code Last-Event-ID} selects exactly what it missed, on any instance, as long as it is still in
 * the bounded replay buffer. Not thread-safe: owned by one Vert.x context.
 */
public final class AlertStreamHub {

    private record Buffered(int partition, long offset, Alert alert, String frame) {
    }

    private final int replaySize;
    private final ArrayDeque<Buffered> replay = new ArrayDeque<>();
    private final Set<SseClient> clients = new LinkedHashSet<>();
    private StreamPosition position = StreamPosition.EMPTY;
    private long dropped;

    public AlertStreamHub(int replaySize) {
        this.replaySize = replaySize;
    }

    /**
     * Takes the alert at partition/offset. {@code fresh} false (an alertId seen before) only moves
     * the position: clients never get the same alert twice from one instance.
     */
    public void publish(int partition, long offset, Alert alert, boolean fresh) {
        position = position.advance(partition, offset);
        if (!fresh) {
            return;
        }
        Buffered b = new Buffered(partition, offset, alert, frame(position.encode(), alert));
        replay.add(b);
        if (replay.size() > replaySize) {
            replay.poll();
        }
        clients.removeIf(c -> c.filter().matches(alert) && !offer(c, b.frame()));
    }

    /**
     * Adds a client; with a resume position it first gets every buffered alert it has not seen.
     * Returns false when the resume position is older than the buffer (some alerts are lost to it).
     */
    public boolean subscribe(SseClient client, Optional<StreamPosition> resume) {
        boolean complete = true;
        if (resume.isPresent()) {
            StreamPosition from = resume.get();
            Buffered oldest = replay.peek();
            complete = replay.size() < replaySize || oldest == null || !from.isBefore(oldest.partition(), oldest.offset() - 1);
            for (Buffered b : replay) {
                if (from.isBefore(b.partition(), b.offset()) && client.filter().matches(b.alert())) {
                    if (!offer(client, b.frame())) {
                        return complete;
                    }
                }
            }
        }
        clients.add(client);
        return complete;
    }

    public void unsubscribe(SseClient client) {
        client.markClosed();
        clients.remove(client);
    }

    /** Sends an SSE comment to every client so proxies keep idle connections open. */
    public void heartbeat() {
        clients.removeIf(c -> !offer(c, ": keep-alive\n\n"));
    }

    /** The last frame every client gets when the server stops: a comment, then the stream ends. */
    public static final String SHUTDOWN_FRAME = ": server shutting down; reconnect with Last-Event-ID to resume\n\n";

    /** Ends every stream cleanly (queued frames, then {@link #SHUTDOWN_FRAME}); the hub takes no new clients' frames. */
    public void shutdown() {
        clients.forEach(c -> c.finish(SHUTDOWN_FRAME));
        clients.clear();
    }

    public int clientCount() {
        return clients.size();
    }

    public long droppedClients() {
        return dropped;
    }

    public StreamPosition position() {
        return position;
    }

    private boolean offer(SseClient c, String frame) {
        boolean ok = c.offer(frame);
        if (!ok) {
            dropped++;
        }
        return ok;
    }

    static String frame(String id, Alert alert) {
        try {
            return "id: " + id + "\nevent: alert\ndata: " + Json.mapper().writeValueAsString(alert) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
