package dev.slamonitor.processor.health;

import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.Severity;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.processor.ProcessorFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness on the real broker: UP while processing; DOWN within the configured stall timeout once a
 * partition is stuck (the broker refuses the task's output, so its input offset cannot move); UP again
 * when the cause goes away. Only the exact health paths answer.
 */
@ExtendWith(KafkaExtension.class)
class ProcessorHealthIT {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorHealthIT.class);
    private static final Duration STALL = Duration.ofSeconds(5);
    private static final Duration CHECK = Duration.ofMillis(500);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldTurnReadinessDownWhenAPartitionIsStuckAndUpWhenItMovesAgain(TestKafka kafka) throws Exception {
        // replacements are allowed without limit here, so the stall check alone must notice
        try (ProcessorFixture fx = new ProcessorFixture(kafka, Map.of("processor.health.stall.timeout", STALL.toMillis() + "ms",
                "processor.health.check.interval", CHECK.toMillis() + "ms", "processor.health.max.thread.replacements", "1000000"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // given a processor that is ready after processing an event
            fx.send(opened("STUCK-0", Severity.HIGH, Instant.now()));
            assertThat(await(fx, HealthStatus::up, Duration.ofSeconds(90))).isTrue();
            assertThat(get(fx, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(fx, "/health").statusCode()).isEqualTo(200);
            assertThat(get(fx, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(fx, "/health/anything").statusCode()).isEqualTo(404);
            assertThat(get(fx, "/healthz").statusCode()).isEqualTo(404);
            // and stays ready while idle for longer than the stall timeout (no lag is no stall)
            Thread.sleep(STALL.plusSeconds(1).toMillis());
            assertThat(fx.app.health().ready().reasons()).isEmpty();

            // when the broker starts refusing the task's snapshots, and an event arrives for that task
            // (larger than a transaction marker, which the coordinator must still be able to write, smaller than a snapshot)
            setMaxMessageBytes(admin, fx.topic("topic.state"), "400");
            long stuckAt = System.nanoTime();
            fx.send(opened("STUCK-1", Severity.HIGH, Instant.now()));

            // then readiness goes DOWN within the stall timeout plus two checks (and a margin for a busy box)
            boolean down = await(fx, s -> s.reasons().stream().anyMatch(r -> r.contains("made no progress")), STALL.plusSeconds(10));
            Duration took = Duration.ofNanos(System.nanoTime() - stuckAt);
            HttpResponse<String> ready = get(fx, "/health/ready");
            LOG.info("Stuck partition: readiness DOWN after {} ms (stall timeout {} ms): {}", took.toMillis(), STALL.toMillis(), ready.body());
            assertThat(down).isTrue();
            assertThat(took).isLessThan(STALL.plusSeconds(10));
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"status\":\"DOWN\"").contains("made no progress");
            assertThat(fx.app.registry().find("slamon.task.since.progress").gauges()).isNotEmpty();

            // when the cause goes away, the task catches up and readiness is UP again
            setMaxMessageBytes(admin, fx.topic("topic.state"), "1048588");
            assertThat(await(fx, HealthStatus::up, Duration.ofSeconds(120))).isTrue();
        }
    }

    private static boolean await(ProcessorFixture fx, Predicate<HealthStatus> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(fx.app.health().ready())) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.test(fx.app.health().ready());
    }

    private static void setMaxMessageBytes(Admin admin, String topic, String value) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value), AlterConfigOp.OpType.SET))))
                .all().get();
    }

    private HttpResponse<String> get(ProcessorFixture fx, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.app.httpPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
