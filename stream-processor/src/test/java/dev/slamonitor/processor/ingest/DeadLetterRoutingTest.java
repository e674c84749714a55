package dev.slamonitor.processor.ingest;

import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.processor.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterRoutingTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final TopologyFixture fx = new TopologyFixture(T0);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldDeadLetterEachKindOfBadInputWithItsReasonWhileGoodEventsAroundItAreProcessed() {
        // given a good event, then every kind of bad input, then another good event
        fx.send(opened("T-1", Severity.HIGH, T0));
        byte[] notJson = {(byte) 0xde, (byte) 0xad, 0x00};
        fx.events.pipeInput("T-1", notJson);
        fx.events.pipeInput("T-1", bytes("{\"schemaVersion\":1,\"eventId\":\"x1\",\"ticketId\":\"T-1\",\"type\":\"AGENT_REPLIED\"}"));
        fx.events.pipeInput("T-1", bytes("{\"schemaVersion\":1,\"eventId\":\"x2\",\"ticketId\":\"T-1\",\"type\":\"TICKET_MERGED\",\"occurredAt\":\"2026-11-23T09:01:00Z\"}"));
        fx.send(simple(EventType.AGENT_REPLIED, "T-404", T0.plusSeconds(90)));
        fx.events.pipeInput("T-other", TopologyFixture.json(simple(EventType.AGENT_REPLIED, "T-1", T0.plusSeconds(100))));
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", T0.plusSeconds(120)));

        // then the good events made it to the state topic
        assertThat(fx.state.readValuesToList()).extracting(s -> s.agentReplies()).containsExactly(0, 1);

        // and every bad one is on the dead-letter topic, in order, with original bytes and reason
        List<TestRecord<String, byte[]>> letters = fx.deadLetters.readRecordsToList();
        assertThat(letters).extracting(r -> DeadLetter.fromHeaders(r.headers()).orElseThrow().reason()).containsExactly(
                DeadLetterReason.INVALID_JSON, DeadLetterReason.SCHEMA_VIOLATION, DeadLetterReason.UNKNOWN_EVENT_TYPE,
                DeadLetterReason.TICKET_NOT_OPENED, DeadLetterReason.KEY_MISMATCH);
        assertThat(letters.get(0).value()).isEqualTo(notJson);
        assertThat(letters.get(0).key()).isEqualTo("T-1");
        DeadLetter schema = DeadLetter.fromHeaders(letters.get(1).headers()).orElseThrow();
        assertThat(schema.detail()).contains("occurredAt");
        assertThat(schema.sourceTopic()).isEqualTo("ticket-events");
        assertThat(schema.sourceOffset()).isEqualTo(2);
        assertThat(DeadLetter.fromHeaders(letters.get(3).headers()).orElseThrow().detail()).contains("never opened");

        // and each is counted by reason
        assertThat(fx.deadLetterCount("INVALID_JSON")).isEqualTo(1.0);
        assertThat(fx.deadLetterCount("TICKET_NOT_OPENED")).isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterASecondOpenOfTheSameTicket() {
        fx.send(opened("T-2", Severity.LOW, T0));
        fx.send(opened("T-2", Severity.CRITICAL, T0.plusSeconds(5)));
        assertThat(fx.state.readValuesToList()).extracting(s -> s.severity()).containsExactly("low");
        assertThat(DeadLetter.fromHeaders(fx.deadLetters.readRecord().headers()).orElseThrow().reason())
                .isEqualTo(DeadLetterReason.TICKET_ALREADY_OPENED);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
