package dev.slamonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    @Test
    void shouldLayerDefaultsFileAndEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("slamon.properties");
        Files.writeString(file, "topic.partitions=6\napi.http.port=9000\n");
        AppConfig config = AppConfig.load(Map.of(
                "SLAMON_CONFIG_FILE", file.toString(),
                "SLAMON_API_HTTP_PORT", "9100",
                "PATH", "/usr/bin"));
        assertThat(config.string("topic.events")).isEqualTo("ticket-events");
        assertThat(config.integer("topic.partitions", 1, 100)).isEqualTo(6);
        assertThat(config.port("api.http.port")).isEqualTo(9100);
        assertThat(config.sourceOf("api.http.port")).isEqualTo("environment variable SLAMON_API_HTTP_PORT");
    }

    @Test
    void shouldPassKafkaAndStreamsKeysThrough() {
        AppConfig config = AppConfig.load(Map.of("SLAMON_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SLAMON_STREAMS_NUM_STREAM_THREADS", "2"));
        assertThat(config.withPrefix("kafka.")).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.withPrefix("streams.")).containsEntry("num.stream.threads", "2")
                .containsEntry("processing.guarantee", "exactly_once_v2");
    }

    @Test
    void shouldReportAnUnknownKeyNamingItsSource() {
        AppConfig config = AppConfig.load(Map.of("SLAMON_TOPIC_PARTITONS", "3"));
        assertThatThrownBy(() -> config.validate(List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.partitons").hasMessageContaining("SLAMON_TOPIC_PARTITONS");
    }

    @Test
    void shouldListEveryProblemOfOnePassWithKeyValueSourceExpectationAndExample() {
        // given: three bad values from two sources and an unknown argument
        AppConfig config = AppConfig.load(Map.of("SLAMON_TOPIC_PARTITIONS", "many"))
                .withArguments(Map.of("api.http.port", "80808", "api.sse.heartbeat", "fortnight", "api.htp.port", "1"));
        // when: the readers run in one pass
        List<java.util.function.Consumer<AppConfig>> readers = List.of(
                c -> c.integer("topic.partitions", 1, 1000),
                c -> {
                    c.port("api.http.port");
                    c.duration("api.sse.heartbeat");
                });
        // then: all four problems come together, each naming key, value, source, expectation and example
        assertThatThrownBy(() -> config.validate(readers))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 configuration problems")
                .hasMessageContaining("topic.partitions = 'many' (from environment variable SLAMON_TOPIC_PARTITIONS)")
                .hasMessageContaining("api.http.port = '80808' (from command-line argument): expected an integer between 0 and 65535, for example api.http.port=8080")
                .hasMessageContaining("api.sse.heartbeat = 'fortnight' (from command-line argument): expected a duration")
                .hasMessageContaining("for example api.sse.heartbeat=15s")
                .hasMessageContaining("Unknown setting 'api.htp.port' (from command-line argument)");
    }

    @Test
    void shouldPassQuietlyWhenEverySettingIsSound() {
        AppConfig.load(Map.of()).validate(List.of(c -> c.port("api.http.port"), c -> c.duration("api.sse.heartbeat")));
    }

    @Test
    void shouldSayWhatToFixForAWrongValue() {
        AppConfig config = AppConfig.load(Map.of("SLAMON_TOPIC_PARTITIONS", "many"));
        assertThatThrownBy(() -> config.integer("topic.partitions", 1, 1000))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.partitions = 'many'")
                .hasMessageContaining("an integer between 1 and 1000")
                .hasMessageContaining("SLAMON_TOPIC_PARTITIONS");
    }

    @Test
    void shouldRejectMalformedBootstrapServers() {
        AppConfig config = AppConfig.load(Map.of("SLAMON_KAFKA_BOOTSTRAP_SERVERS", "localhost"));
        assertThatThrownBy(() -> config.hostPorts("kafka.bootstrap.servers")).hasMessageContaining("host:port");
    }

    @Test
    void shouldReadShortAndIsoDurations() {
        AppConfig config = AppConfig.load(Map.of()).with("processor.dedup.retention", "PT36H");
        assertThat(config.duration("processor.dedup.retention")).isEqualTo(Duration.ofHours(36));
        assertThat(AppConfig.load(Map.of()).duration("processor.dedup.retention")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void shouldFailFastOnAMissingConfigFile() {
        assertThatThrownBy(() -> AppConfig.load(Map.of("SLAMON_CONFIG_FILE", "/nope/slamon.properties")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/nope/slamon.properties");
    }
}
