package dev.slamonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher checks every component's settings in one pass before it starts or connects to
 * anything: five bad settings of three components and Kafka Streams come back together, at once.
 */
class StandaloneConfigCheckTest {

    @Test
    void shouldReportFiveBadSettingsTogetherBeforeStartingAnything(@TempDir Path dir) throws Exception {
        // given: bad settings for the API, Streams (checked by Kafka's definition), the SLA engine and the launcher
        AppConfig config = AppConfig.load(Map.of("SLAMON_SLA_PUNCTUATION_INTERVAL", "often")).withArguments(
                StandaloneMain.overrides(new String[] {"--demo", "standalone.data.dir=" + dir,
                        "api.http.port=80808", "api.sse.heartbeat=fortnight", "streams.num.stream.threads=zero",
                        "demo.tickets.per.minute=-4"}));
        long started = System.nanoTime();
        // when / then
        assertThatThrownBy(() -> Standalone.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("5 configuration problems; nothing was started")
                .hasMessageContaining("api.http.port = '80808' (from command-line argument): expected an integer between 0 and 65535")
                .hasMessageContaining("api.sse.heartbeat = 'fortnight' (from command-line argument): expected a duration")
                .hasMessageContaining("streams.num.stream.threads = 'zero' (from command-line argument): expected an int")
                .hasMessageContaining("sla.punctuation.interval = 'often' (from environment variable SLAMON_SLA_PUNCTUATION_INTERVAL)")
                .hasMessageContaining("demo.tickets.per.minute = '-4'");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        // nothing started: no lock was taken, no broker data written
        assertThat(dir.resolve(DataDirLock.FILE_NAME)).doesNotExist();
        assertThat(dir.resolve("kafka")).doesNotExist();
    }

    @Test
    void shouldCheckSettingsBeforeConnectingToAnUnreachableCluster(@TempDir Path dir) throws Exception {
        // given: a port nobody listens on, and a bad value; the check must not wait for Kafka
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AppConfig config = AppConfig.load(Map.of()).withArguments(Map.of("kafka.bootstrap.servers", "127.0.0.1:" + closedPort,
                "api.sse.heartbeat", "fortnight", "api.auth.keys", "ops:" + "a".repeat(64) + ":viewer"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> dev.slamonitor.api.AlertApiApp.start(config))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api.sse.heartbeat = 'fortnight'");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
