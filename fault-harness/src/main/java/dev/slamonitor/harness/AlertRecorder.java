package dev.slamonitor.harness;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the alerts topic from the beginning with read_committed, as an on-call integration would, and
 * records every harness alert with the wall-clock instant it became visible.
 */
final class AlertRecorder implements AutoCloseable {

    record Seen(Alert alert, Instant receivedAt) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    AlertRecorder(String bootstrap, String topic, String ticketPrefix, Consumer<Alert> onAlert) {
        this.thread = new Thread(() -> {
            try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "fault-harness-alerts-" + System.nanoTime(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                    new StringDeserializer(), JsonSerde.of(Alert.class).deserializer())) {
                consumer.subscribe(List.of(topic));
                while (running) {
                    for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(100))) {
                        if (r.value() != null && r.value().ticketId() != null && r.value().ticketId().startsWith(ticketPrefix)) {
                            seen.add(new Seen(r.value(), Instant.now()));
                            onAlert.accept(r.value());
                        }
                    }
                }
            }
        }, "harness-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
