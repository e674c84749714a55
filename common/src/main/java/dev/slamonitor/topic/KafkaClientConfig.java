package dev.slamonitor.topic;

import dev.slamonitor.config.AppConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** Client properties every Kafka client of ours shares: bootstrap servers plus any {@code kafka.*} key. */
public final class KafkaClientConfig {

    private KafkaClientConfig() {
    }

    public static Map<String, Object> common(AppConfig config) {
        Map<String, Object> props = new HashMap<>(config.withPrefix("kafka."));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.hostPorts("kafka.bootstrap.servers"));
        return props;
    }
}
