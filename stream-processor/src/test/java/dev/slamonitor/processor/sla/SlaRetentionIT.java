package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.processor.ProcessorFixture;
import dev.slamonitor.state.TicketSnapshot;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention of finished tickets on a real broker, exactly-once: with {@code sla.resolved.retention=3s}
 * a resolved ticket is forgotten about three seconds after its resolution, the tombstone reaches the
 * state topic through the transactional producer, and a later event is dead-lettered TICKET_NOT_OPENED.
 */
@ExtendWith(KafkaExtension.class)
class SlaRetentionIT {

    private static final Duration RETENTION = Duration.ofSeconds(3);

    @Test
    void shouldPublishATombstoneWhenAResolvedTicketsRetentionEndsAndRefuseLaterEvents(TestKafka kafka) throws Exception {
        try (ProcessorFixture fx = new ProcessorFixture(kafka, Map.of("sla.resolved.retention", RETENTION.toSeconds() + "s"));
             TopicReader<String, TicketSnapshot> state = new TopicReader<>(kafka.bootstrapServers(), fx.topic("topic.state"),
                     new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer())) {
            // given a ticket that is opened and resolved
            Instant openedAt = Instant.now();
            fx.send(opened("RET-IT-1", Severity.CRITICAL, openedAt));
            fx.send(event(EventType.RESOLVED, "RET-IT-1", openedAt.plusMillis(10)).rootCause("billing").build());
            List<ConsumerRecord<String, TicketSnapshot>> resolved = state.readMatching(r -> r.key().equals("RET-IT-1")
                    && r.value() != null && r.value().resolvedAt() != null, 1, Duration.ofSeconds(60));
            assertThat(resolved).hasSize(1);
            long resolvedSeenAt = resolved.get(0).timestamp();

            // when its retention passes with no further event
            List<ConsumerRecord<String, TicketSnapshot>> tombstones = state.readMatching(
                    r -> r.key().equals("RET-IT-1") && r.value() == null, 1, Duration.ofSeconds(60));

            // then a tombstone for it is on the state topic, no earlier than the retention after the resolution
            assertThat(tombstones).hasSize(1);
            assertThat(tombstones.get(0).timestamp() - resolvedSeenAt).isGreaterThanOrEqualTo(RETENTION.toMillis() - 100);
            assertThat(counter(fx, "slamon.tickets.forgotten", "feature", "sla")).isEqualTo(1.0);

            // and a later reply is refused as for a ticket never opened
            fx.send(simple(EventType.AGENT_REPLIED, "RET-IT-1", Instant.now()));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (counter(fx, "slamon.dead.letters", "reason", "TICKET_NOT_OPENED") < 1 && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(counter(fx, "slamon.dead.letters", "reason", "TICKET_NOT_OPENED")).isEqualTo(1.0);
            long tombstoneOffset = tombstones.get(0).offset();
            assertThat(state.drain(Duration.ofSeconds(1))).as("no snapshot after the tombstone")
                    .noneMatch(r -> r.key().equals("RET-IT-1") && r.value() != null && r.offset() > tombstoneOffset);
        }
    }

    private static double counter(ProcessorFixture fx, String name, String tag, String value) {
        return fx.app.registry().find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }
}
