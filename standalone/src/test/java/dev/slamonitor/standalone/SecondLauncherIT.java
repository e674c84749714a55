package dev.slamonitor.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.config.AppConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1 run twice in the same folder: the second launcher, a real child JVM, exits at once
 * with a clear message and a non-zero code, and the first keeps processing untouched.
 */
class SecondLauncherIT {

    @TempDir
    Path dir;

    @Test
    void shouldMakeASecondLauncherOnTheSameDataDirectoryExitAtOnceAndLeaveTheFirstHealthy() throws Exception {
        // given: a running launcher
        AppConfig config = AppConfig.load(Map.of()).withArguments(StandaloneMain.overrides(new String[] {
                "standalone.kafka.port=0", "standalone.data.dir=" + dir, "processor.http.port=0", "api.http.port=0"}));
        try (Standalone first = Standalone.start(config)) {
            // when: the same command again, in another JVM
            Path output = dir.resolve("second.log");
            Process second = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StandaloneMain.class.getName(),
                    "standalone.kafka.port=0", "standalone.data.dir=" + dir, "processor.http.port=0", "api.http.port=0"))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean exited = second.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                second.destroyForcibly();
            }
            // then: it refused, said why, and never touched the broker
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited).as("second launcher exited; output:%n%s", log).isTrue();
            assertThat(second.exitValue()).as(log).isEqualTo(StandaloneMain.EXIT_DATA_DIR_IN_USE);
            assertThat(log).contains("is in use by another SLA monitor (pid " + ProcessHandle.current().pid())
                    .doesNotContain("Kafka broker ");
            // and the first is still ready on both services
            HttpClient http = HttpClient.newHttpClient();
            for (int port : new int[] {first.processor().httpPort(), first.api().port()}) {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + Standalone.READY_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as("port %d: %s", port, ready.body()).isEqualTo(200);
            }
            assertThat(first.processor().streams().state().isRunningOrRebalancing()).isTrue();
        }
    }
}
