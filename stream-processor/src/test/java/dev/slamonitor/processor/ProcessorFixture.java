package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.kafka.testkit.TestKafka;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A running stream processor on a real broker with topic names unique to one test, plus a producer
 * for raw event bytes. Close it to stop the processor.
 */
public final class ProcessorFixture implements AutoCloseable {

    public final AppConfig config;
    public final StreamProcessorApp app;
    public final KafkaProducer<String, byte[]> producer;

    /**
     * Configuration for one processor on {@code kafka} with its own application id, state directory
     * and topics (named after a random run id), so tests never share state.
     */
    public static AppConfig isolatedConfig(TestKafka kafka, String prefix, Map<String, String> overrides) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "streams.application.id", prefix + "-" + run,
                "streams.state.dir", Files.createTempDirectory(prefix + "-streams-").toString(),
                "processor.http.port", "0",
                "topic.events", "events-" + run,
                "topic.policies", "policies-" + run,
                "topic.acks", "acks-" + run,
                "topic.alerts", "alerts-" + run,
                "topic.state", "state-" + run,
                "topic.dead.letters", "dlq-" + run));
        settings.put("topic.policies.valid", "policies-valid-" + run);
        settings.putAll(overrides);
        return AppConfig.load(Map.of()).with(settings);
    }

    public ProcessorFixture(TestKafka kafka, Map<String, String> overrides) throws Exception {
        this.config = isolatedConfig(kafka, "it", overrides);
        this.app = StreamProcessorApp.start(config);
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    public String topic(String key) {
        return config.string(key);
    }

    public void send(TicketEvent event) {
        sendRaw(event.ticketId(), TopologyFixture.json(event));
    }

    public void sendRaw(String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic("topic.events"), key, value));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        app.close();
    }
}
