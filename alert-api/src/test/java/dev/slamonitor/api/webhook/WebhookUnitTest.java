package dev.slamonitor.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.api.ApiTestData;
import dev.slamonitor.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WebhookUnitTest {

    @Test
    void shouldBackOffExponentiallyUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);
        assertThat(List.of(backoff.delay(1), backoff.delay(2), backoff.delay(3), backoff.delay(10)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(30));
    }

    @Test
    void shouldCommitOnlyUpToTheLowestAlertStillWaitingForAReceiver() {
        // given offsets 0..2, offset 1 routed to two receivers
        OffsetTracker tracker = new OffsetTracker();
        TopicPartition tp = new TopicPartition("alerts", 0);
        tracker.register(tp, 0, 1);
        tracker.register(tp, 1, 2);
        tracker.register(tp, 2, 0);
        // when offset 0 is done and offset 1 only by one receiver
        tracker.done(tp, 0);
        tracker.done(tp, 1);
        // then the commit stops before offset 1
        assertThat(tracker.committable(false)).containsEntry(tp, 1L);
        tracker.done(tp, 1);
        assertThat(tracker.committable(false)).containsEntry(tp, 3L);
        assertThat(tracker.pendingCount()).isZero();
    }

    @Test
    void shouldRouteBySeverityTierTeamAndType() {
        WebhookReceiver receiver = new WebhookReceiver("r", "http://x", WebhookReceiver.Format.JSON,
                java.util.Set.of("critical"), java.util.Set.of(), java.util.Set.of("payments"), java.util.Set.of("BREACH"), Map.of());
        assertThat(receiver.matches(ApiTestData.alert(AlertType.BREACH, "T", "critical", "L1", "payments"))).isTrue();
        assertThat(receiver.matches(ApiTestData.alert(AlertType.BREACH, "T", "high", "L1", "payments"))).isFalse();
        assertThat(receiver.matches(ApiTestData.alert(AlertType.WARNING, "T", "critical", "L1", "payments"))).isFalse();
        assertThat(receiver.matches(ApiTestData.alert(AlertType.BREACH, "T", "critical", "L1", "billing"))).isFalse();
    }

    @Test
    void shouldNotRouteAnAlertWithoutSeverityTierOrTeamToAReceiverThatFiltersOnThem() {
        // given a receiver filtering on severity, tier and team (the filters are immutable sets)
        WebhookReceiver receiver = new WebhookReceiver("r", "http://x", WebhookReceiver.Format.SLACK,
                java.util.Set.of("critical"), java.util.Set.of("L2"), java.util.Set.of("payments"), java.util.Set.of(), Map.of());
        WebhookReceiver unfiltered = new WebhookReceiver("all", "http://x", WebhookReceiver.Format.JSON,
                java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), Map.of());

        // when an alert carries none of them (like a drift alert), then it does not match, and nothing throws
        Alert noAttributes = ApiTestData.alert(AlertType.DRIFT, "T-7", null, null, null);
        assertThat(receiver.matches(noAttributes)).isFalse();
        assertThat(unfiltered.matches(noAttributes)).isTrue();
    }

    @Test
    void shouldRenderTheHandoffSummaryInTheSlackText() {
        Alert base = ApiTestData.alert(AlertType.ESCALATION, "T-9", "critical", "L2", "payments");
        Alert alert = new Alert(base.alertId(), base.type(), base.ticketId(), null, base.clock(), base.deadline(),
                base.firedAt(), 1, base.severity(), base.tier(), base.team(), base.customerId(), base.owner(), base.reason(),
                "Escalated to L2", null, null, Map.of("handoff", Map.of("summary", "Payments fail for EU cards",
                "stepsTaken", List.of("restarted gateway", "checked logs"), "reason", "needs code fix",
                "impact", "40 merchants", "customerExpectation", "fix today")));
        String text = SlackPayload.of(alert).get("text").asText();
        assertThat(text).contains(":arrow_double_up: *ESCALATION*", "Ticket T-9", "*Handoff*",
                "> *Summary:* Payments fail for EU cards", "1. restarted gateway; 2. checked logs",
                "> *Impact:* 40 merchants", "> *Customer expectation:* fix today", "Level 1",
                "/api/v1/alerts/" + alert.alertId() + "/ack");
    }

    @Test
    void shouldLoadReceiversAndNameTheBadFieldOtherwise() {
        String ok = "{\"receivers\":[{\"name\":\"s\",\"url\":\"https://hooks.example/x\",\"format\":\"slack\",\"types\":[\"BREACH\"]}]}";
        assertThat(WebhookReceivers.parse(ok.getBytes(StandardCharsets.UTF_8), "f.json"))
                .singleElement().satisfies(r -> assertThat(r.format()).isEqualTo(WebhookReceiver.Format.SLACK));
        String bad = "{\"receivers\":[{\"name\":\"s\",\"url\":\"ftp://x\"}]}";
        assertThatThrownBy(() -> WebhookReceivers.parse(bad.getBytes(StandardCharsets.UTF_8), "f.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("receivers[0].url");
        String badType = "{\"receivers\":[{\"name\":\"s\",\"url\":\"http://x\",\"types\":[\"BREECH\"]}]}";
        assertThatThrownBy(() -> WebhookReceivers.parse(badType.getBytes(StandardCharsets.UTF_8), "f.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BREECH");
    }

    @Test
    void shouldLoadEveryOnCallFormatWithItsSettingsAndNameWhatIsMissing() {
        String file = """
                {"receivers": [
                  {"name": "am", "format": "alertmanager", "url": "http://am:9093", "resendInterval": "30s"},
                  {"name": "pd", "format": "pagerduty", "routingKey": "0123456789abcdef0123456789abcdef"},
                  {"name": "og", "format": "opsgenie", "apiKey": "k", "states": ["TRIGGERED", "RESOLVED"]},
                  {"name": "teams", "format": "teams", "url": "https://prod.logic.azure.com/workflows/x"},
                  {"name": "signed", "format": "json", "url": "https://x.example", "secret": "0123456789abcdef"}
                ]}""";
        List<WebhookReceiver> loaded = WebhookReceivers.parse(file.getBytes(StandardCharsets.UTF_8), "r.json",
                "https://desk.example/t/{ticketId}");

        assertThat(loaded).extracting(WebhookReceiver::format).containsExactly(WebhookReceiver.Format.ALERTMANAGER,
                WebhookReceiver.Format.PAGERDUTY, WebhookReceiver.Format.OPSGENIE, WebhookReceiver.Format.TEAMS,
                WebhookReceiver.Format.JSON);
        assertThat(loaded.get(0).options().resend()).isEqualTo(Duration.ofSeconds(30));
        assertThat(loaded.get(1).url()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
        assertThat(loaded.get(2).url()).isEqualTo("https://api.opsgenie.com");
        assertThat(loaded.get(3).options().ticketUrl()).isEqualTo("https://desk.example/t/{ticketId}");
        Alert breach = ApiTestData.alert(AlertType.BREACH, "T-1", "critical", "L1", "payments");
        assertThat(loaded.get(2).matches(breach)).isTrue();
        assertThat(loaded.get(2).matches(breach.acknowledged("x", breach.firedAt(), "acked"))).isFalse();

        assertThatThrownBy(() -> WebhookReceivers.parse("""
                {"receivers": [{"name": "pd", "format": "pagerduty"}]}""".getBytes(StandardCharsets.UTF_8), "r.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("receivers[0].routingKey");
        assertThatThrownBy(() -> WebhookReceivers.parse("""
                {"receivers": [{"name": "og", "format": "opsgenie"}]}""".getBytes(StandardCharsets.UTF_8), "r.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("receivers[0].apiKey");
        assertThatThrownBy(() -> WebhookReceivers.parse("""
                {"receivers": [{"name": "j", "url": "http://x", "secret": "short"}]}""".getBytes(StandardCharsets.UTF_8), "r.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("receivers[0].secret");
        assertThatThrownBy(() -> WebhookReceivers.parse("""
                {"receivers": [{"name": "j", "url": "http://x", "states": ["OPEN"]}]}""".getBytes(StandardCharsets.UTF_8), "r.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("receivers[0].states");
    }
}
