package dev.slamonitor.processor;

import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A processor closed cleanly and started again reuses its local state: no task is declared corrupted
 * (Kafka Streams logs "did not find checkpoint offsets" before it wipes one) and no record is restored
 * from a changelog, counted by the application's state-restore listener.
 */
@ExtendWith(KafkaExtension.class)
class CleanRestartIT {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(CleanRestartIT.class);

    @Test
    void shouldRestoreNothingAndCorruptNoTaskAfterACleanCloseAndStart(TestKafka kafka) throws Exception {
        AppConfig config = ProcessorFixture.isolatedConfig(kafka, "clean-restart-it", Map.of());
        ListAppender<ILoggingEvent> stateManagerLog = new ListAppender<>();
        stateManagerLog.start();
        ((Logger) LoggerFactory.getLogger("org.apache.kafka.streams.processor.internals.ProcessorStateManager")).addAppender(stateManagerLog);
        Instant t0 = Instant.now().minusSeconds(600);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
             TopicReader<String, TicketSnapshot> state = new TopicReader<>(kafka.bootstrapServers(), config.string("topic.state"),
                     new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer())) {
            // given a processor that processed tickets on every partition, some resolved with a root cause, then closed cleanly
            try (StreamProcessorApp first = StreamProcessorApp.start(config)) {
                for (int i = 0; i < 6; i++) {
                    send(producer, config, TopologyFixture.json(opened("CR-" + i, Severity.HIGH, t0.plusSeconds(i))), "CR-" + i);
                }
                for (int i = 0; i < 3; i++) {
                    send(producer, config, TopologyFixture.json(TestEvents.event(EventType.RESOLVED, "CR-" + i, t0.plusSeconds(60 + i))
                            .rootCause("config-drift").resolutionSummary("fixed").build()), "CR-" + i);
                }
                assertThat(state.readMatching(r -> r.key().startsWith("CR-"), 9, Duration.ofSeconds(90))).hasSize(9);
                LOG.info("First run restored {} records", restored(first));
            }
            int corruptBefore = stateManagerLog.list.size();

            // when it starts again and processes a new event
            try (StreamProcessorApp second = StreamProcessorApp.start(config)) {
                send(producer, config, TopologyFixture.json(opened("CR-NEW", Severity.HIGH, t0.plusSeconds(120))), "CR-NEW");
                assertThat(state.readMatching(r -> r.key().equals("CR-NEW"), 1, Duration.ofSeconds(90))).hasSize(1);

                // then nothing was restored from changelogs and no task was wiped as corrupted
                long corrupted = stateManagerLog.list.stream().skip(corruptBefore)
                        .filter(e -> e.getFormattedMessage().contains("did not find checkpoint offsets")).count();
                LOG.info("Clean restart: records restored from changelogs {} (by store {}), stores found without checkpoint offsets {}",
                        (long) restored(second), byStore(second), corrupted);
                assertThat(corrupted).isZero();
                assertThat(restored(second)).isZero();
            }
        } finally {
            ((Logger) LoggerFactory.getLogger("org.apache.kafka.streams.processor.internals.ProcessorStateManager")).detachAppender(stateManagerLog);
        }
    }

    private static double restored(StreamProcessorApp app) {
        return app.registry().find("slamon.state.restored.records").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static Map<String, Double> byStore(StreamProcessorApp app) {
        Map<String, Double> out = new TreeMap<>();
        app.registry().find("slamon.state.restored.records").counters().forEach(c -> out.put(c.getId().getTag("store"), c.count()));
        return out;
    }

    private static void send(KafkaProducer<String, byte[]> producer, AppConfig config, byte[] value, String key) throws Exception {
        producer.send(new ProducerRecord<>(config.string("topic.events"), key, value)).get();
    }
}
