package dev.slamonitor.processor.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.processor.ProcessorFixture;
import dev.slamonitor.processor.TestEvents;
import dev.slamonitor.refund.ApprovalRecord;
import dev.slamonitor.refund.LeakageView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Refund governance end to end on a real broker: default policy published, rules, audit, leakage, overdue. */
@ExtendWith(KafkaExtension.class)
class RefundGovernanceIT {

    @Test
    void shouldGovernRefundsEndToEndOnARealBroker(TestKafka kafka) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> topics = Map.of(
                "topic.refund.governance", "governance-" + run,
                "topic.refund.governance.active", "governance-active-" + run,
                "topic.refund.approvals", "approvals-" + run,
                "topic.refund.leakage", "leakage-" + run);
        Instant now = Instant.now();
        try (ProcessorFixture fx = new ProcessorFixture(kafka, topics)) {
            // then the bundled default policy was published at start and validated into the active topic
            try (TopicReader<String, byte[]> active = new TopicReader<>(kafka.bootstrapServers(),
                    fx.topic("topic.refund.governance.active"), new StringDeserializer(), new ByteArrayDeserializer())) {
                assertThat(active.readUntil(l -> !l.isEmpty(), Duration.ofSeconds(60)))
                        .extracting(ConsumerRecord::key).containsExactly("default");
            }

            // given a ticket, an 80 EUR refund approved by an agent without code, a request already past its
            // 4 h approval-cycle SLA, and a request in a currency the policy does not cover
            fx.send(TestEvents.event(EventType.TICKET_OPENED, "IT-R1", now.minusSeconds(600)).severity(Severity.HIGH)
                    .customer(new Customer("C-1", "business", false, "UTC")).team("payments").build());
            fx.send(TestEvents.event(EventType.REFUND_REQUESTED, "IT-R1", now.minusSeconds(300)).refundId("RF-1")
                    .amount(new BigDecimal("80")).currency("EUR").build());
            fx.send(TestEvents.event(EventType.REFUND_DECIDED, "IT-R1", now.minusSeconds(200)).refundId("RF-1")
                    .approved(true).approver("ana").approverRole("agent").rationale("goodwill").build());
            fx.send(TestEvents.event(EventType.REFUND_REQUESTED, "IT-R1", now.minus(Duration.ofHours(4)).minusSeconds(1))
                    .refundId("RF-2").amount(new BigDecimal("20")).currency("EUR").exceptionCode("GOODWILL").build());
            fx.send(TestEvents.event(EventType.REFUND_REQUESTED, "IT-R1", now).refundId("RF-3")
                    .amount(new BigDecimal("20")).currency("CHF").exceptionCode("GOODWILL").build());

            // then the violations and the overdue approval reach the alerts topic
            try (TopicReader<String, Alert> alerts = new TopicReader<>(kafka.bootstrapServers(), fx.topic("topic.alerts"),
                    new StringDeserializer(), JsonSerde.of(Alert.class).deserializer())) {
                // notices only: each violation is a one-off followed by its RESOLVED record
                List<ConsumerRecord<String, Alert>> got = alerts.readUntil(
                        l -> l.stream().filter(r -> r.value().notifies()).count() >= 3, Duration.ofSeconds(60))
                        .stream().filter(r -> r.value().notifies()).toList();
                assertThat(got).extracting(r -> r.value().type() + ":" + r.value().reason()).containsExactlyInAnyOrder(
                        "GOVERNANCE_VIOLATION:approver_role_too_low", "GOVERNANCE_VIOLATION:exception_code_missing",
                        "APPROVAL_OVERDUE:approval_cycle_sla");
                assertThat(got).allSatisfy(r -> assertThat(r.key()).isEqualTo("IT-R1"));
            }
            // and the audit trail and the leakage view are published
            try (TopicReader<String, ApprovalRecord> approvals = new TopicReader<>(kafka.bootstrapServers(),
                    fx.topic("topic.refund.approvals"), new StringDeserializer(),
                    JsonSerde.of(ApprovalRecord.class).deserializer())) {
                ApprovalRecord record = approvals.readUntil(l -> !l.isEmpty(), Duration.ofSeconds(30)).get(0).value();
                assertThat(record.refundId()).isEqualTo("RF-1");
                assertThat(record.violations()).containsExactly("approver_role_too_low", "exception_code_missing");
                assertThat(record.cycleTimeMillis()).isEqualTo(100_000L);
            }
            try (TopicReader<String, LeakageView> leakage = new TopicReader<>(kafka.bootstrapServers(),
                    fx.topic("topic.refund.leakage"), new StringDeserializer(), JsonSerde.of(LeakageView.class).deserializer())) {
                List<ConsumerRecord<String, LeakageView>> views = leakage.readUntil(l -> l.size() >= 2, Duration.ofSeconds(30));
                assertThat(views).extracting(ConsumerRecord::key).contains(LeakageView.ROLLING_30_DAYS);
                assertThat(views.get(0).value().byTeam()).singleElement()
                        .satisfies(l -> assertThat(l.amount()).isEqualByComparingTo("80"));
            }
            // and the unusable request is a dead letter with its reason
            try (TopicReader<String, byte[]> dlq = new TopicReader<>(kafka.bootstrapServers(),
                    fx.topic("topic.dead.letters"), new StringDeserializer(), new ByteArrayDeserializer())) {
                DeadLetter letter = DeadLetter.fromHeaders(dlq.readUntil(l -> !l.isEmpty(), Duration.ofSeconds(30))
                        .get(0).headers()).orElseThrow();
                assertThat(letter.reason()).isEqualTo(DeadLetterReason.INVALID_REFUND_EVENT);
                assertThat(letter.detail()).contains("currency CHF");
            }
            assertThat(fx.app.registry().scrape()).contains("slamon_refund_leakage_total").contains("slamon_refund_violations_total")
                    .contains("slamon_refund_approval_cycle_seconds");
            // a restart must not re-publish over the policy on the topic
            assertThat(GovernanceSeedProbe.publish(fx)).isFalse();
            assertThat(GovernanceChannel.bundled().bytes()).isNotEmpty();
        }
    }
}
