package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.processor.ProcessorFixture;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.state.TicketSnapshot;
import dev.slamonitor.topic.KafkaClientConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SLA timers on a real broker: a ticket that receives no further event breaches on time, and a
 * deadline that passes while the processor is down fires exactly once after the restart.
 */
@ExtendWith(KafkaExtension.class)
class SlaTimersIT {

    private static final Logger LOG = LoggerFactory.getLogger(SlaTimersIT.class);
    private static final Duration FIRST_RESPONSE = Duration.ofSeconds(6);

    private static void publishFastPolicy(ProcessorFixture fx, TestKafka kafka) {
        publishPolicy(fx, kafka, "/policies/it-fast-policy.json", "it-fast");
    }

    /** Publishes a test policy from the classpath and waits until the processor applies it. */
    static void publishPolicy(ProcessorFixture fx, TestKafka kafka, String resource, String policyId) {
        SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(fx.config), fx.topic("topic.policies"),
                BundledDocument.bytes(SlaTimersIT.class, resource));
        try (TopicReader<String, byte[]> valid = new TopicReader<>(kafka.bootstrapServers(), fx.topic("topic.policies.valid"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            assertThat(valid.readMatching(r -> policyId.equals(r.key()), 1, Duration.ofSeconds(60))).isNotEmpty();
        }
        awaitPolicyInForce(fx, policyId);
    }

    /**
     * Waits until the processor's global policy store holds the policy (the global thread reads the
     * valid-policies topic on its own schedule), then one punctuation interval more, after which the
     * tasks' cached catalog includes it. A fixed sleep was flaky on a busy machine.
     */
    private static void awaitPolicyInForce(ProcessorFixture fx, String policyId) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            try {
                ReadOnlyKeyValueStore<String, byte[]> catalog = fx.app.streams().store(StoreQueryParameters.fromNameAndType(
                        SlaPolicyChannel.CATALOG_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
                if (catalog.get(policyId) != null) {
                    Thread.sleep(fx.config.duration("sla.punctuation.interval").toMillis() * 4);
                    return;
                }
            } catch (InvalidStateStoreException e) {
                // not queryable yet (rebalancing or restoring): try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("policy " + policyId + " not in the global policy store after 60 s");
    }

    private static TopicReader<String, Alert> alertReader(TestKafka kafka, ProcessorFixture fx) {
        return new TopicReader<>(kafka.bootstrapServers(), fx.topic("topic.alerts"), new StringDeserializer(),
                JsonSerde.of(Alert.class).deserializer());
    }

    private static boolean isBreach(ConsumerRecord<String, Alert> r, String ticketId) {
        return r.key().equals(ticketId) && r.value().notifies() && r.value().type() == AlertType.BREACH
                && "first_response".equals(r.value().clock());
    }

    @Test
    void shouldBreachOnTimeForATicketThatReceivesNoFurtherEvent(TestKafka kafka) throws Exception {
        try (ProcessorFixture fx = new ProcessorFixture(kafka, Map.of())) {
            // given a policy with a 6 s first response, in force
            publishFastPolicy(fx, kafka);

            // when a ticket is opened and then nothing else happens
            Instant openedAt = Instant.now();
            fx.send(opened("SLA-IT-1", Severity.HIGH, openedAt));

            // then its breach arrives shortly after the deadline, with the deadline in it
            try (TopicReader<String, Alert> alerts = alertReader(kafka, fx)) {
                List<ConsumerRecord<String, Alert>> breaches = alerts.readMatching(r -> isBreach(r, "SLA-IT-1"), 1,
                        Duration.ofSeconds(60));
                long receivedAt = System.currentTimeMillis();
                assertThat(breaches).hasSize(1);
                Alert breach = breaches.get(0).value();
                assertThat(breach.deadline()).isEqualTo(openedAt.plus(FIRST_RESPONSE));
                assertThat(breach.policyId()).isEqualTo("it-fast");
                long lateness = Duration.between(breach.deadline(), breach.firedAt()).toMillis();
                assertThat(lateness).isBetween(0L, 5_000L);
                LOG.info("Breach of a silent ticket: fired {} ms after its deadline, seen by a read_committed consumer {} ms after it",
                        lateness, receivedAt - breach.deadline().toEpochMilli());
                assertThat(receivedAt - breach.deadline().toEpochMilli()).isLessThan(5_000L);
                // the warning at 75 % came before it
                assertThat(alerts.drain(Duration.ofMillis(200))).anySatisfy(r -> {
                    assertThat(r.value().type()).isEqualTo(AlertType.WARNING);
                    assertThat(r.value().firedAt()).isBefore(breach.firedAt());
                });
            }
            assertThat(fx.app.registry().scrape()).contains("slamon_breach_lateness_seconds_count{application=\"stream-processor\",clock=\"first_response\"} 1");
        }
    }

    @Test
    void shouldFireADeadlineThatPassedWhileDownExactlyOnceAfterRestart(TestKafka kafka) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> same = new HashMap<>();
        for (String key : List.of("topic.events", "topic.policies", "topic.acks", "topic.alerts", "topic.state",
                "topic.dead.letters", "topic.policies.valid")) {
            same.put(key, key.replace('.', '-') + "-" + run);
        }
        same.put("streams.application.id", "it-restart-" + run);
        same.put("streams.state.dir", Files.createTempDirectory("it-restart-").toString());
        // Kafka Streams does not leave its group on close: the restarted member waits for the old one's session to end
        same.put("streams.consumer.session.timeout.ms", "6000");

        Instant openedAt;
        Instant stoppedAt;
        try (ProcessorFixture first = new ProcessorFixture(kafka, same)) {
            // given a ticket whose first response is due 6 s after opening
            publishFastPolicy(first, kafka);
            openedAt = Instant.now();
            first.send(opened("SLA-IT-2", Severity.HIGH, openedAt));
            try (TopicReader<String, TicketSnapshot> state = new TopicReader<>(kafka.bootstrapServers(),
                    first.topic("topic.state"), new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer())) {
                assertThat(state.readMatching(r -> r.key().equals("SLA-IT-2") && "it-fast".equals(r.value().policyId()), 1,
                        Duration.ofSeconds(30))).isNotEmpty();
            }
        }
        // when the processor was stopped before the deadline and stays down past it
        stoppedAt = Instant.now();
        assertThat(stoppedAt).isBefore(openedAt.plus(FIRST_RESPONSE));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), openedAt.plus(FIRST_RESPONSE).plusSeconds(2)).toMillis()));
        try (TopicReader<String, Alert> alerts = new TopicReader<>(kafka.bootstrapServers(), same.get("topic.alerts"),
                new StringDeserializer(), JsonSerde.of(Alert.class).deserializer())) {
            assertThat(alerts.drain(Duration.ofSeconds(1))).noneMatch(r -> isBreach(r, "SLA-IT-2"));

            Instant restartedAt = Instant.now();
            try (ProcessorFixture second = new ProcessorFixture(kafka, same)) {
                // then the breach fires once, right after restoration
                assertThat(alerts.readMatching(r -> isBreach(r, "SLA-IT-2"), 1, Duration.ofSeconds(60))).hasSize(1);
                List<ConsumerRecord<String, Alert>> all = alerts.drain(Duration.ofSeconds(3));
                List<Alert> breaches = all.stream().filter(r -> isBreach(r, "SLA-IT-2")).map(ConsumerRecord::value).toList();
                assertThat(breaches).hasSize(1);
                assertThat(breaches.get(0).deadline()).isEqualTo(openedAt.plus(FIRST_RESPONSE));
                assertThat(breaches.get(0).firedAt()).isAfterOrEqualTo(restartedAt);
                assertThat(all.stream().map(r -> r.value().alertId())).doesNotHaveDuplicates();
            }
        }
    }
}
