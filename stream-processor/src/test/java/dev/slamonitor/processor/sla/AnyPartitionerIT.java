package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.Crc32Partitioner;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.processor.ProcessorFixture;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.state.TicketSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Any standard producer works, on a real broker: a ticket published with librdkafka's default
 * partitioner (CRC32) and one written to an explicit partition, both on another partition than
 * Java's murmur2 would pick, still meet their acknowledgements published with the Java partitioner
 * (as the alert API does): the acks are applied, none is dead-lettered.
 */
@ExtendWith(KafkaExtension.class)
class AnyPartitionerIT {

    private static final int PARTITIONS = 3;

    @Test
    void shouldApplyAnAckToATicketPublishedWithAnotherPartitioner(TestKafka kafka) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        // given ticket ids whose CRC32 partition and explicit partition differ from murmur2's
        String crcTicket = misplaced(run + "-C", id -> Crc32Partitioner.partitionOf(bytes(id), PARTITIONS));
        String explicitTicket = misplaced(run + "-E", id -> (murmur2(id) + 1) % PARTITIONS);
        try (ProcessorFixture fx = new ProcessorFixture(kafka, Map.of());
             KafkaProducer<String, byte[]> crcProducer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName()),
                     new StringSerializer(), new ByteArraySerializer());
             TopicReader<String, Alert> alerts = new TopicReader<>(kafka.bootstrapServers(), fx.topic("topic.alerts"),
                     new StringDeserializer(), JsonSerde.of(Alert.class).deserializer());
             TopicReader<String, TicketSnapshot> state = new TopicReader<>(kafka.bootstrapServers(), fx.topic("topic.state"),
                     new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer());
             TopicReader<String, byte[]> deadLetters = new TopicReader<>(kafka.bootstrapServers(),
                     fx.topic("topic.dead.letters"), new StringDeserializer(), new ByteArrayDeserializer())) {
            SlaTimersIT.publishPolicy(fx, kafka, "/policies/it-fast-policy.json", "it-fast");
            Instant now = Instant.now();
            TicketEvent crcOpened = opened(crcTicket, Severity.HIGH, now);
            crcProducer.send(new ProducerRecord<>(fx.topic("topic.events"), crcTicket, TopologyFixture.json(crcOpened))).get();
            TicketEvent explicitOpened = opened(explicitTicket, Severity.HIGH, now);
            fx.producer.send(new ProducerRecord<>(fx.topic("topic.events"), (murmur2(explicitTicket) + 1) % PARTITIONS,
                    explicitTicket, TopologyFixture.json(explicitOpened))).get();

            // when each breaches and the breach is acknowledged through the Java (murmur2) partitioner
            for (String ticket : List.of(crcTicket, explicitTicket)) {
                List<ConsumerRecord<String, Alert>> breach = alerts.readMatching(r -> r.key().equals(ticket)
                        && r.value().type() == AlertType.BREACH, 1, Duration.ofSeconds(60));
                assertThat(breach).as("breach of " + ticket).hasSize(1);
                AlertAck ack = new AlertAck("ack-" + ticket, breach.get(0).value().alertId(), ticket, "on-call", "seen", Instant.now());
                fx.producer.send(new ProducerRecord<>(fx.topic("topic.acks"), ticket, TopologyFixture.json(ack))).get();
            }

            // then both acks meet their ticket: the snapshots show them and nothing is dead-lettered
            for (String ticket : List.of(crcTicket, explicitTicket)) {
                assertThat(state.readMatching(r -> r.key().equals(ticket) && r.value().acks() != null
                        && !r.value().acks().isEmpty(), 1, Duration.ofSeconds(60))).as("ack applied to " + ticket).hasSize(1);
            }
            assertThat(deadLetters.drain(Duration.ofSeconds(2))).noneMatch(r -> r.key() != null
                    && (r.key().equals(crcTicket) || r.key().equals(explicitTicket)));
        }
    }

    /** A fast-policy ticket id whose partition under {@code placement} differs from murmur2's. */
    private static String misplaced(String base, java.util.function.ToIntFunction<String> placement) {
        return IntStream.range(0, 100).mapToObj(i -> "SLA-IT-" + base + i)
                .filter(id -> placement.applyAsInt(id) != murmur2(id)).findFirst().orElseThrow();
    }

    private static int murmur2(String id) {
        return Utils.toPositive(Utils.murmur2(bytes(id))) % PARTITIONS;
    }

    private static byte[] bytes(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
