package dev.slamonitor.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.api.ApiTestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertStreamHubTest {

    /** A connection whose write queue is full when told so. */
    static final class FakeSink implements SseClient.Sink {
        final List<String> written = new ArrayList<>();
        boolean full;
        boolean closed;

        public boolean writeQueueFull() { return full; }
        public void write(String frame) { written.add(frame); }
        public void close() { closed = true; }
    }

    @Test
    void shouldDropASlowClientWithoutAffectingTheOthers() {
        // given a stuck client with a queue of 2 and a healthy one
        AlertStreamHub hub = new AlertStreamHub(100);
        FakeSink slow = new FakeSink();
        slow.full = true;
        FakeSink fast = new FakeSink();
        hub.subscribe(new SseClient(slow, AlertFilter.ALL, 2), Optional.empty());
        hub.subscribe(new SseClient(fast, AlertFilter.ALL, 2), Optional.empty());
        // when four alerts arrive
        for (int i = 0; i < 4; i++) {
            hub.publish(0, i, ApiTestData.alert(AlertType.BREACH, "T-" + i, "high", "L1", "payments"), true);
        }
        // then the slow one is disconnected, the fast one has all four
        assertThat(slow.closed).isTrue();
        assertThat(fast.written).hasSize(4);
        assertThat(hub.clientCount()).isEqualTo(1);
        assertThat(hub.droppedClients()).isEqualTo(1);
    }

    @Test
    void shouldEndEveryStreamWithQueuedFramesThenAFinalCommentOnShutdown() {
        // given a client with two frames waiting behind a full write queue
        AlertStreamHub hub = new AlertStreamHub(100);
        FakeSink sink = new FakeSink();
        hub.subscribe(new SseClient(sink, AlertFilter.ALL, 10), Optional.empty());
        sink.full = true;
        hub.publish(0, 0, ApiTestData.alert(AlertType.BREACH, "T-1", "high", "L1", "payments"), true);
        hub.publish(0, 1, ApiTestData.alert(AlertType.BREACH, "T-2", "high", "L1", "payments"), true);
        // when the server stops
        hub.shutdown();
        // then both frames, then the comment, then a normal end
        assertThat(sink.written).hasSize(3);
        assertThat(sink.written.get(0)).startsWith("id: ");
        assertThat(sink.written.get(2)).isEqualTo(AlertStreamHub.SHUTDOWN_FRAME).startsWith(": ");
        assertThat(sink.closed).isTrue();
        assertThat(hub.clientCount()).isZero();
    }

    @Test
    void shouldFlushQueuedFramesInOrderWhenTheConnectionDrains() {
        FakeSink sink = new FakeSink();
        SseClient client = new SseClient(sink, AlertFilter.ALL, 10);
        sink.full = true;
        client.offer("a");
        client.offer("b");
        sink.full = false;
        client.offer("c");
        client.drain();
        assertThat(sink.written).containsExactly("a", "b", "c");
    }

    @Test
    void shouldReplayOnlyWhatFollowsTheResumePositionAndMatchesTheFilter() {
        AlertStreamHub hub = new AlertStreamHub(100);
        hub.publish(0, 0, ApiTestData.alert(AlertType.BREACH, "T-0", "high", "L1", "payments"), true);
        StreamPosition seen = hub.position();
        hub.publish(1, 0, ApiTestData.alert(AlertType.BREACH, "T-1", "high", "L1", "payments"), true);
        hub.publish(0, 1, ApiTestData.alert(AlertType.WARNING, "T-2", "high", "L1", "payments"), true);
        FakeSink sink = new FakeSink();
        AlertFilter breaches = new AlertFilter(Set.of(), Set.of(), Set.of(), Set.of("BREACH"));
        // when
        boolean complete = hub.subscribe(new SseClient(sink, breaches, 10), Optional.of(seen));
        // then
        assertThat(complete).isTrue();
        assertThat(sink.written).singleElement().asString().contains("T-1").startsWith("id: 0:1,1:1\n");
    }

    @Test
    void shouldEncodeAndParsePositions() {
        StreamPosition p = StreamPosition.EMPTY.advance(2, 7).advance(0, 15);
        assertThat(p.encode()).isEqualTo("0:16,2:8");
        assertThat(StreamPosition.parse("0:16,2:8")).contains(p);
        assertThat(StreamPosition.parse("garbage")).isEmpty();
    }
}
