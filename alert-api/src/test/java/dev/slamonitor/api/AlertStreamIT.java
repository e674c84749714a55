package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SSE alert stream on a real broker: live delivery, filters, and resume by Last-Event-ID. */
@ExtendWith({KafkaExtension.class, VertxExtension.class})
class AlertStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private ApiFixture api;

    @BeforeEach
    void start(TestKafka kafka) throws Exception {
        api = new ApiFixture(kafka, Map.of());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldStreamAMatchingAlertWithAnIdAndSkipOthers(Vertx vertx) throws Exception {
        // given a client that wants critical breaches only
        try (SseTestClient sse = new SseTestClient(vertx, api.port(), "?severity=critical&type=BREACH", ApiFixture.VIEWER, null)) {
            // when a high breach and then a critical breach are published
            api.alert(ApiTestData.alert(AlertType.BREACH, "T-high", "high", "L1", "payments"));
            Alert critical = ApiTestData.alert(AlertType.BREACH, "T-crit", "critical", "L1", "payments");
            api.alert(critical);
            // then only the critical one arrives, as an 'alert' event with an id
            SseTestClient.Event event = sse.next(WAIT);
            assertThat(event).isNotNull();
            assertThat(event.event()).isEqualTo("alert");
            assertThat(event.id()).matches("\\d+:\\d+(,\\d+:\\d+)*");
            assertThat(event.data().getString("alertId")).isEqualTo(critical.alertId());
            assertThat(sse.next(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void shouldResumeFromLastEventIdWithExactlyTheMissedAlerts(Vertx vertx) throws Exception {
        // given a client that received one alert and disconnected
        String lastId;
        try (SseTestClient sse = new SseTestClient(vertx, api.port(), "", ApiFixture.VIEWER, null)) {
            api.alert(ApiTestData.alert(AlertType.WARNING, "T-1", "high", "L1", "payments"));
            lastId = sse.next(WAIT).id();
        }
        // when two alerts fire while it is away, and it reconnects with Last-Event-ID
        Alert missed1 = ApiTestData.alert(AlertType.BREACH, "T-2", "high", "L1", "payments");
        Alert missed2 = ApiTestData.alert(AlertType.ESCALATION, "T-3", "critical", "L2", "billing");
        api.alert(missed1);
        api.alert(missed2);
        Thread.sleep(500);
        try (SseTestClient resumed = new SseTestClient(vertx, api.port(), "", ApiFixture.VIEWER, lastId)) {
            // then it gets exactly the two missed alerts
            SseTestClient.Event first = resumed.next(WAIT);
            SseTestClient.Event second = resumed.next(WAIT);
            assertThat(java.util.Set.of(first.data().getString("alertId"), second.data().getString("alertId")))
                    .containsExactlyInAnyOrder(missed1.alertId(), missed2.alertId());
            assertThat(resumed.next(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void shouldSendAnAlertIdOnlyOnceWhenTheTopicRepeatsIt(Vertx vertx) throws Exception {
        try (SseTestClient sse = new SseTestClient(vertx, api.port(), "", ApiFixture.VIEWER, null)) {
            Alert alert = ApiTestData.alert(AlertType.BREACH, "T-dup", "low", "L1", "payments");
            api.alert(alert);
            api.alert(alert);
            assertThat(sse.next(WAIT).data().getString("alertId")).isEqualTo(alert.alertId());
            assertThat(sse.next(Duration.ofMillis(700))).isNull();
        }
    }
}
