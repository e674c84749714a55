package dev.slamonitor.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.api.ApiTestData;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Every on-call payload against a JSON Schema written from its tool's documentation
 * (src/test/resources/webhook-schemas: field names, required fields, enums, limits), through the
 * whole lifecycle of one alert key, with oversized alerts for the size limits.
 */
class PayloadSchemaTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:05Z");
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private static final WebhookReceiver.Options OPTIONS = new WebhookReceiver.Options(ROUTING_KEY, "genie-key",
            "0123456789abcdef-secret", "https://desk.example/tickets/{ticketId}", Set.of(), Duration.ofSeconds(30));
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    private static Schema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            try (InputStream in = PayloadSchemaTest.class.getResourceAsStream("/webhook-schemas/" + n + ".schema.json")) {
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Json.mapper().readTree(in));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void assertValid(String schemaName, Object payload) {
        JsonNode node = Json.mapper().valueToTree(payload);
        assertThat(schema(schemaName).validate(node)).as("%s against %s", node, schemaName).isEmpty();
    }

    /** A breach, its re-notification, its acknowledgement and its end: one key. */
    private static List<Alert> lifecycle(Map<String, Object> details, String message) {
        Alert base = ApiTestData.alert(AlertType.BREACH, "T-1042", "critical", "L1", "payments");
        Alert breach = new Alert(base.alertId(), AlertType.BREACH, "T-1042", null, "first_response", base.deadline(),
                Instant.parse("2026-11-23T10:00:00Z"), 0, "critical", "L1", "payments", "C-7", "ana", "first_response_deadline",
                message, "default", 3, details);
        Alert renotify = new Alert(Alert.idOf("renotify", 1), AlertType.RENOTIFY, "T-1042", null, "first_response",
                base.deadline(), NOW, 1, "critical", "L1", "payments", "C-7", "ana", "first_response_deadline",
                "Unacknowledged BREACH", "default", 3, Map.of("rootAlertId", breach.alertId(), "rootType", "BREACH"))
                .withKey(breach.alertKey());
        return List.of(breach, renotify, breach.acknowledged("oncall-bot", NOW, "BREACH acknowledged by oncall-bot"),
                breach.resolved("clock_satisfied", NOW.plusSeconds(60), "BREACH resolved: clock satisfied"));
    }

    private static Delivery delivery(Alert a) {
        return new Delivery(a, OutboundRequest.bytes(a), a.partitionKey(), new TopicPartition("sla-alerts", 0), 1, NOW);
    }

    private static WebhookReceiver receiver(WebhookReceiver.Format format, String url) {
        return new WebhookReceiver("r", url, format, Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), OPTIONS);
    }

    @Test
    void shouldSendPagerDutyEventsThatFollowOneIncidentThroughTriggerAcknowledgeResolve() {
        List<Alert> records = lifecycle(Map.of(), "first_response of T-1042 breached");
        List<JsonNode> events = records.stream().map(a -> (JsonNode) PagerDutyPayload.of(a, OPTIONS)).toList();

        events.forEach(e -> assertValid("pagerduty-event-v2", e));
        assertThat(events).extracting(e -> e.get("event_action").asText())
                .containsExactly("trigger", "trigger", "acknowledge", "resolve");
        assertThat(events).extracting(e -> e.get("dedup_key").asText()).containsOnly(records.get(0).alertKey());
        JsonNode payload = events.get(0).get("payload");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("source").asText()).isEqualTo("sla-monitor/T-1042");
        assertThat(payload.get("component").asText()).isEqualTo("first_response");
        assertThat(payload.get("group").asText()).isEqualTo("payments");
        assertThat(payload.get("class").asText()).isEqualTo("BREACH/first_response_deadline");
        assertThat(events.get(0).at("/links/0/href").asText()).isEqualTo("https://desk.example/tickets/T-1042");
        Instant.parse(payload.get("timestamp").asText());
    }

    @Test
    void shouldMapSeveritiesToPagerDutyAndOpsgenieEnums() {
        assertThat(PagerDutyPayload.severity(ApiTestData.alert(AlertType.BREACH, "T", "high", "L1", "x"))).isEqualTo("error");
        assertThat(PagerDutyPayload.severity(ApiTestData.alert(AlertType.BREACH, "T", "medium", "L1", "x"))).isEqualTo("warning");
        assertThat(PagerDutyPayload.severity(ApiTestData.alert(AlertType.BREACH, "T", "low", "L1", "x"))).isEqualTo("info");
        assertThat(PagerDutyPayload.severity(ApiTestData.alert(AlertType.WARNING, "T", "critical", "L1", "x"))).isEqualTo("warning");
        assertThat(OpsgeniePayload.priority(ApiTestData.alert(AlertType.BREACH, "T", "critical", "L1", "x"))).isEqualTo("P1");
        assertThat(OpsgeniePayload.priority(ApiTestData.alert(AlertType.ESCALATION, "T", "high", "L1", "x"))).isEqualTo("P2");
        assertThat(OpsgeniePayload.priority(ApiTestData.alert(AlertType.WARNING, "T", "low", "L1", "x"))).isEqualTo("P5");
    }

    @Test
    void shouldKeepPagerDutyEventsUnder512KbAndSummariesUnder1024Characters() {
        Map<String, Object> huge = Map.of("blob", "x".repeat(600 * 1024));
        Alert breach = lifecycle(huge, "m".repeat(5000)).get(0);

        JsonNode event = PagerDutyPayload.of(breach, OPTIONS);

        assertValid("pagerduty-event-v2", event);
        assertThat(OutboundRequest.bytes(event).length).isLessThanOrEqualTo(PagerDutyPayload.MAX_BODY_BYTES);
        assertThat(event.at("/payload/summary").asText()).hasSizeLessThanOrEqualTo(1024);
        assertThat(event.at("/payload/custom_details/truncated").isTextual()).isTrue();
    }

    @Test
    void shouldCreateAcknowledgeAndCloseTheOpsgenieAlertByAlias() {
        List<Alert> records = lifecycle(Map.of(), "n".repeat(20_000));
        List<OutboundRequest> requests = records.stream()
                .map(a -> OpsgeniePayload.request(a, "https://api.eu.opsgenie.com/", OPTIONS)).toList();
        String alias = records.get(0).alertKey();

        assertThat(requests).extracting(OutboundRequest::url).containsExactly(
                "https://api.eu.opsgenie.com/v2/alerts", "https://api.eu.opsgenie.com/v2/alerts",
                "https://api.eu.opsgenie.com/v2/alerts/" + alias + "/acknowledge?identifierType=alias",
                "https://api.eu.opsgenie.com/v2/alerts/" + alias + "/close?identifierType=alias");
        assertThat(requests).allSatisfy(r -> assertThat(r.headers()).containsEntry("Authorization", "GenieKey genie-key"));
        JsonNode create = read(requests.get(0).body());
        assertValid("opsgenie-create-alert", create);
        assertThat(create.get("alias").asText()).isEqualTo(alias);
        assertThat(create.get("priority").asText()).isEqualTo("P1");
        assertThat(read(requests.get(1).body()).get("alias").asText()).isEqualTo(alias);
        assertValid("opsgenie-alert-action", read(requests.get(2).body()));
        assertThat(read(requests.get(2).body()).get("user").asText()).isEqualTo("oncall-bot");
        assertValid("opsgenie-alert-action", read(requests.get(3).body()));
    }

    @Test
    void shouldPostAlertmanagerAlertsWithStableLabelsAndEndsAtOnResolve() {
        WebhookReceiver am = receiver(WebhookReceiver.Format.ALERTMANAGER, "http://127.0.0.1:9093");
        AlertmanagerLeases leases = new AlertmanagerLeases(am);
        List<Alert> records = lifecycle(Map.of("playbook", "https://wiki.example/runbooks/first-response"), "breached");
        List<JsonNode> posted = records.stream().map(a -> read(Payloads.render(am, delivery(a), leases, NOW).body())).toList();

        posted.forEach(p -> assertValid("alertmanager-postable-alerts", p));
        assertThat(posted).extracting(p -> p.get(0).get("labels")).containsOnly(posted.get(0).get(0).get("labels"));
        JsonNode labels = posted.get(0).get(0).get("labels");
        assertThat(labels.get("alertname").asText()).isEqualTo("SlaBreach");
        assertThat(labels.get("alert_key").asText()).isEqualTo(records.get(0).alertKey());
        assertThat(labels.get("severity").asText()).isEqualTo("critical");
        assertThat(labels.get("tier").asText()).isEqualTo("L1");
        assertThat(labels.get("team").asText()).isEqualTo("payments");
        assertThat(labels.get("ticket").asText()).isEqualTo("T-1042");
        assertThat(labels.get("clock").asText()).isEqualTo("first_response");
        assertThat(labels.get("policy").asText()).isEqualTo("default");
        JsonNode first = posted.get(0).get(0);
        assertThat(first.at("/annotations/runbook_url").asText()).isEqualTo("https://wiki.example/runbooks/first-response");
        assertThat(first.get("generatorURL").asText()).isEqualTo("https://desk.example/tickets/T-1042");
        assertThat(Instant.parse(first.get("endsAt").asText())).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        JsonNode resolved = posted.get(3).get(0);
        assertThat(resolved.get("startsAt").asText()).isEqualTo(first.get("startsAt").asText());
        assertThat(Instant.parse(resolved.get("endsAt").asText())).isEqualTo(NOW.plusSeconds(60));
        // once resolved, nothing is left to re-post
        assertThat(leases.refresh(NOW)).isEmpty();
        assertThat(new AlertmanagerLeases(am).render(records.get(0), NOW).url()).isEqualTo("http://127.0.0.1:9093/api/v2/alerts");
    }

    @Test
    void shouldRePostOpenAlertmanagerAlertsWithARenewedLease() {
        WebhookReceiver am = receiver(WebhookReceiver.Format.ALERTMANAGER, "http://am:9093/api/v2/alerts");
        AlertmanagerLeases leases = new AlertmanagerLeases(am);
        leases.render(lifecycle(Map.of(), "m").get(0), NOW);

        JsonNode again = read(leases.refresh(NOW.plusSeconds(30)).get(0).body());

        assertValid("alertmanager-postable-alerts", again);
        assertThat(Instant.parse(again.get(0).get("endsAt").asText())).isEqualTo(NOW.plusSeconds(30).plus(Duration.ofMinutes(2)));
        // and an open condition posted before a restart is adopted from the read model, once, and re-posted too
        Alert other = ApiTestData.alert(AlertType.BREACH, "T-2", "high", "L1", "payments");
        leases.adopt(other, NOW);
        leases.adopt(other, NOW);
        JsonNode both = read(leases.refresh(NOW.plusSeconds(60)).get(0).body());
        assertThat(both).hasSize(2);
        assertValid("alertmanager-postable-alerts", both);
    }

    @Test
    void shouldBuildSlackBlockKitWithinItsLimitsAndALinkButton() {
        Map<String, Object> handoff = new LinkedHashMap<>();
        handoff.put("handoff", Map.of("summary", "s".repeat(5000), "reason", "needs a fix"));
        for (Alert a : lifecycle(handoff, "t".repeat(50_000))) {
            JsonNode message = SlackPayload.of(a, OPTIONS);
            assertValid("slack-message", message);
        }
        JsonNode first = SlackPayload.of(lifecycle(Map.of(), "breached").get(0), OPTIONS);
        assertThat(first.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(first.findValues("url")).extracting(JsonNode::asText).contains("https://desk.example/tickets/T-1042");
        JsonNode resolved = SlackPayload.of(lifecycle(Map.of(), "breached").get(3), OPTIONS);
        assertThat(resolved.at("/blocks/0/text/text").asText()).startsWith(":white_check_mark: Resolved: BREACH");
    }

    @Test
    void shouldSendTeamsAnAdaptiveCardUnderItsMessageLimit() {
        for (Alert a : lifecycle(Map.of(), "t".repeat(100_000))) {
            JsonNode message = TeamsPayload.of(a, OPTIONS);
            assertValid("teams-workflow-message", message);
            assertThat(OutboundRequest.bytes(message).length).isLessThan(TeamsPayload.MAX_MESSAGE_BYTES);
        }
        JsonNode card = TeamsPayload.of(lifecycle(Map.of(), "breached").get(0), OPTIONS).at("/attachments/0/content");
        assertThat(card.at("/actions/0/url").asText()).isEqualTo("https://desk.example/tickets/T-1042");
    }

    @Test
    void shouldSignJsonOverTimestampAndBodySoThatAReceiverCanVerifyAndRejectReplays() {
        Alert a = lifecycle(Map.of(), "m").get(0);
        Delivery d = delivery(a);
        OutboundRequest signed = Payloads.render(receiver(WebhookReceiver.Format.JSON, "https://x.example/hook"), d, null, NOW);
        String ts = signed.headers().get(WebhookSignature.TIMESTAMP_HEADER);
        String sig = signed.headers().get(WebhookSignature.SIGNATURE_HEADER);

        assertThat(signed.body()).isEqualTo(d.raw());
        assertThat(ts).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(sig).matches("v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(OPTIONS.secret(), ts, d.raw(), sig, NOW.plusSeconds(10), Duration.ofMinutes(5))).isTrue();
        // a replay outside the window, another body, another secret: refused
        assertThat(WebhookSignature.verify(OPTIONS.secret(), ts, d.raw(), sig, NOW.plusSeconds(400), Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify(OPTIONS.secret(), ts, "{}".getBytes(StandardCharsets.UTF_8), sig, NOW, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("another-secret-0123", ts, d.raw(), sig, NOW, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 10:00:35 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse(null, NOW)).isNull();
    }

    private static JsonNode read(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
