package dev.slamonitor.api.alerts;

import java.util.ArrayDeque;

/**
 * One connected stream client with its own bounded queue. Frames go straight to the connection
 * while its write queue has room; otherwise they wait in the client's queue, and a client whose
 * queue overflows is disconnected. So a slow client costs at most its own queue and never slows
 * the hub or the other clients. Not thread-safe: used on the hub's context only.
 */
public final class SseClient {

    /** The connection, as the client needs it (a chunked HTTP response in production). */
    public interface Sink {
        boolean writeQueueFull();

        void write(String frame);

        void close();

        /** Ends the stream normally after a last frame (a chunked response's final chunk). */
        default void end(String finalFrame) {
            write(finalFrame);
            close();
        }
    }

    private final Sink sink;
    private final AlertFilter filter;
    private final int maxQueued;
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private boolean closed;

    public SseClient(Sink sink, AlertFilter filter, int maxQueued) {
        this.sink = sink;
        this.filter = filter;
        this.maxQueued = maxQueued;
    }

    public AlertFilter filter() {
        return filter;
    }

    /** Sends or queues a frame; false (and the connection closed) when the client could not keep up. */
    public boolean offer(String frame) {
        if (closed) {
            return false;
        }
        if (queued.isEmpty() && !sink.writeQueueFull()) {
            sink.write(frame);
            return true;
        }
        if (queued.size() >= maxQueued) {
            closed = true;
            queued.clear();
            sink.close();
            return false;
        }
        queued.add(frame);
        return true;
    }

    /** Called when the connection's write queue drained: sends what waited. */
    public void drain() {
        while (!closed && !queued.isEmpty() && !sink.writeQueueFull()) {
            sink.write(queued.poll());
        }
    }

    /**
     * Ends the stream on shutdown: what waited in the queue is written (it is bounded), then the
     * final frame, then the response ends normally instead of being cut mid-chunk.
     */
    public void finish(String finalFrame) {
        if (closed) {
            return;
        }
        while (!queued.isEmpty()) {
            sink.write(queued.poll());
        }
        closed = true;
        sink.end(finalFrame);
    }

    public void markClosed() {
        closed = true;
        queued.clear();
    }
}
