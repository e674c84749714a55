package dev.slamonitor.processor;

import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Severity;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that is stopped normally and started again gets its partitions back at once instead of
 * after the consumer-group session timeout (45 s): a dynamic member leaves the group on close, a
 * static member ({@code group.instance.id}) stays and is recognised when it comes back.
 */
@ExtendWith(KafkaExtension.class)
class ProcessorRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorRestartIT.class);
    /**
     * Well under the 45 s session timeout a member that did not leave holds its partitions for
     * (measured 47 s without the leave). The budget covers the whole restart: topic checks, policy
     * publishing, global-store restore, rebalance and task restore, 10-17 s on a busy 2-core box.
     */
    private static final Duration RESTART_BUDGET = Duration.ofSeconds(20);

    @Test
    void shouldProcessANewEventSoonAfterARestartBecauseTheClosedInstanceLeftTheGroup(TestKafka kafka) throws Exception {
        assertRestartIsQuick(kafka, Map.of(), "dynamic member");
    }

    @Test
    void shouldProcessANewEventSoonAfterARestartOfAStaticMemberThatStayedInTheGroup(TestKafka kafka) throws Exception {
        assertRestartIsQuick(kafka, Map.of("streams.group.instance.id", "restart-it-" + UUID.randomUUID()), "static member");
    }

    private static void assertRestartIsQuick(TestKafka kafka, Map<String, String> extra, String what) throws Exception {
        // given a processor that has processed a ticket and was then closed normally
        AppConfig config = config(kafka, extra);
        Instant t0 = Instant.now().minusSeconds(60);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
             TopicReader<String, TicketSnapshot> state = new TopicReader<>(kafka.bootstrapServers(), config.string("topic.state"),
                     new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer())) {
            try (StreamProcessorApp first = StreamProcessorApp.start(config)) {
                send(producer, config, "RESTART-1", t0);
                assertThat(state.readMatching(r -> r.key().equals("RESTART-1"), 1, Duration.ofSeconds(60))).hasSize(1);
            }

            // when it starts again and a new event arrives
            long restarted = System.nanoTime();
            try (StreamProcessorApp second = StreamProcessorApp.start(config)) {
                send(producer, config, "RESTART-2", t0.plusSeconds(1));
                var seen = state.readMatching(r -> r.key().equals("RESTART-2"), 1, Duration.ofSeconds(90));
                Duration took = Duration.ofNanos(System.nanoTime() - restarted);
                LOG.info("Restart ({}) to the new event's snapshot: {} ms", what, took.toMillis());

                // then the new event is processed well within the session timeout
                assertThat(seen).hasSize(1);
                assertThat(took).isLessThan(RESTART_BUDGET);
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, AppConfig config, String ticketId, Instant at) throws Exception {
        producer.send(new ProducerRecord<>(config.string("topic.events"), ticketId,
                TopologyFixture.json(opened(ticketId, Severity.HIGH, at)))).get();
    }

    private static AppConfig config(TestKafka kafka, Map<String, String> extra) throws Exception {
        return ProcessorFixture.isolatedConfig(kafka, "restart-it", extra);
    }
}
