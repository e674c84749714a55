package dev.slamonitor.processor;

import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.state.TicketSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class TicketStateIT {

    @Test
    void shouldPublishStateAndDeadLetterBadInputOnARealBroker(TestKafka kafka) throws Exception {
        Instant t0 = Instant.now().minusSeconds(60);
        try (ProcessorFixture fx = new ProcessorFixture(kafka, Map.of())) {
            // given good events with bad input between them
            fx.send(opened("IT-1", Severity.HIGH, t0));
            fx.sendRaw("IT-1", "{not json".getBytes(StandardCharsets.UTF_8));
            fx.send(simple(EventType.CUSTOMER_REPLIED, "IT-404", t0.plusSeconds(1)));
            var reply = simple(EventType.CUSTOMER_REPLIED, "IT-1", t0.plusSeconds(2));
            fx.send(reply);
            fx.send(reply);

            // then the state topic shows the ticket with exactly one reply (the duplicate changed nothing)
            try (TopicReader<String, TicketSnapshot> state = new TopicReader<>(kafka.bootstrapServers(),
                    fx.topic("topic.state"), new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer())) {
                List<ConsumerRecord<String, TicketSnapshot>> snapshots = state.readMatching(
                        r -> r.value().customerReplies() == 1, 1, Duration.ofSeconds(60));
                assertThat(snapshots).isNotEmpty();
                assertThat(snapshots.get(0).key()).isEqualTo("IT-1");
                assertThat(snapshots.get(0).value().severity()).isEqualTo("high");
                assertThat(state.drain(Duration.ofSeconds(2))).hasSize(2);
            }
            // and the dead-letter topic holds both bad inputs with their reasons
            try (TopicReader<String, byte[]> dlq = new TopicReader<>(kafka.bootstrapServers(),
                    fx.topic("topic.dead.letters"), new StringDeserializer(), new ByteArrayDeserializer())) {
                List<ConsumerRecord<String, byte[]>> letters = dlq.readUntil(l -> l.size() >= 2, Duration.ofSeconds(30));
                assertThat(letters).extracting(r -> DeadLetter.fromHeaders(r.headers()).orElseThrow().reason())
                        .containsExactly(DeadLetterReason.INVALID_JSON, DeadLetterReason.TICKET_NOT_OPENED);
                assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
                assertThat(DeadLetter.fromHeaders(letters.get(0).headers()).orElseThrow().sourceTopic())
                        .isEqualTo(fx.topic("topic.events"));
            }
            assertThat(fx.app.registry().scrape()).contains("slamon_dead_letters_total{application=\"stream-processor\",reason=\"INVALID_JSON\"");
        }
    }
}
