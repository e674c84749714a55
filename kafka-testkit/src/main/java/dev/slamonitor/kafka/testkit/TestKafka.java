package dev.slamonitor.kafka.testkit;

import dev.slamonitor.kafka.embedded.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real Kafka broker integration tests run against: a Testcontainers {@code apache/kafka}
 * container when a Docker engine answers, the in-JVM KRaft broker otherwise. The choice is logged.
 * Override with {@code -Dslamon.test.kafka=embedded|testcontainers} and the image with
 * {@code -Dslamon.test.kafka.image=apache/kafka:4.3.1}.
 */
public interface TestKafka extends AutoCloseable {

    Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    String DEFAULT_IMAGE = "apache/kafka:4.3.1";

    String bootstrapServers();

    /** "testcontainers" or "embedded", for logs and reports. */
    String kind();

    @Override
    void close();

    static TestKafka start() {
        String forced = System.getProperty("slamon.test.kafka", "auto");
        boolean docker = !forced.equals("embedded") && (forced.equals("testcontainers") || dockerAvailable());
        if (docker) {
            String image = System.getProperty("slamon.test.kafka.image", DEFAULT_IMAGE);
            KafkaContainer container = new KafkaContainer(image);
            container.start();
            LOG.info("Integration tests use a Testcontainers Kafka ({}) at {}", image, container.getBootstrapServers());
            return new TestKafka() {
                public String bootstrapServers() { return container.getBootstrapServers(); }
                public String kind() { return "testcontainers"; }
                public void close() { container.stop(); }
            };
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
        LOG.info("No Docker engine: integration tests use the embedded KRaft broker at {}", broker.bootstrapServers());
        return new TestKafka() {
            public String bootstrapServers() { return broker.bootstrapServers(); }
            public String kind() { return "embedded"; }
            public void close() { broker.close(); }
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
