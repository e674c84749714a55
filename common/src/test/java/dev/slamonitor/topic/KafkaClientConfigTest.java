package dev.slamonitor.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    @Test
    void shouldCheckPassThroughClientSettingsWithKafkasOwnDefinitions() {
        AppConfig config = AppConfig.load(Map.of()).withArguments(Map.of("kafka.request.timeout.ms", "soon"));
        assertThatThrownBy(() -> KafkaClientConfig.common(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.request.timeout.ms = 'soon' (from command-line argument)")
                .hasMessageContaining("Kafka's definition of request.timeout.ms")
                .hasMessageContaining("for example kafka.request.timeout.ms=30000");
    }

    @Test
    void shouldLeaveSettingsKafkaDoesNotDefineToKafka() {
        AppConfig config = AppConfig.load(Map.of()).withArguments(Map.of("kafka.my.interceptor.setting", "x"));
        assertThat(KafkaClientConfig.common(config)).containsEntry("my.interceptor.setting", "x");
        config.validate(List.of(KafkaClientConfig::common));
    }
}
