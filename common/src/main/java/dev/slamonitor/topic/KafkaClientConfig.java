package dev.slamonitor.topic;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.KafkaSettingsCheck;
import dev.slamonitor.config.KafkaSettingsCheck.Definitions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client properties every Kafka client of ours shares: bootstrap servers plus any {@code kafka.*} key,
 * each checked against the producer, consumer and admin definitions (it goes to all three).
 */
public final class KafkaClientConfig {

    /** Definitions for the {@code kafka.*} namespace: a key goes to every client, so any of them may define it. */
    public static final List<Definitions> DEFINITIONS = List.of(new Definitions("",
            List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())));

    private KafkaClientConfig() {
    }

    public static Map<String, Object> common(AppConfig config) {
        KafkaSettingsCheck.check(config, "kafka.", DEFINITIONS);
        Map<String, Object> props = new HashMap<>(config.withPrefix("kafka."));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.hostPorts("kafka.bootstrap.servers"));
        return props;
    }
}
