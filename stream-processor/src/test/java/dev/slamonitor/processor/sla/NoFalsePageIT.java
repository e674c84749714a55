package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.kafka.testkit.KafkaExtension;
import dev.slamonitor.kafka.testkit.TestKafka;
import dev.slamonitor.kafka.testkit.TopicReader;
import dev.slamonitor.processor.ProcessorFixture;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.state.TicketSnapshot;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No false page from lag, on a real broker: tickets answered before their deadline, whose answers
 * were in Kafka (behind a backlog) while the processor was down, must not breach after the restart,
 * while silent tickets still breach exactly once. The same run with the wait disabled
 * ({@code sla.timer.hold.max=0}) shows the failure it prevents.
 */
@ExtendWith(KafkaExtension.class)
class NoFalsePageIT {

    private static final Logger LOG = LoggerFactory.getLogger(NoFalsePageIT.class);
    private static final Duration FIRST_RESPONSE = Duration.ofSeconds(20);
    private static final int ANSWERED = 40;
    private static final int SILENT = 3;
    private static final int BACKLOG = 30_000;

    @Test
    void shouldNotBreachTicketsWhoseAnswerWasAlreadyInKafkaWhenTheProcessorRestarted(TestKafka kafka) throws Exception {
        Result result = restartBehindABacklog(kafka, Map.of());
        assertThat(result.falseBreaches).as("false breaches").isZero();
        assertThat(result.falseRenotifies).as("false re-notifications").isZero();
        assertThat(result.silentBreaches).as("breaches of silent tickets, each once").isEqualTo(SILENT);
        assertThat(result.duplicateIds).isZero();
    }

    @Test
    void shouldPageFalselyWithoutTheWaitWhichShowsTheTestReproducesTheLag(TestKafka kafka) throws Exception {
        Result result = restartBehindABacklog(kafka, Map.of("sla.timer.hold.max", "0s"));
        assertThat(result.falseBreaches).as("false breaches without the wait").isPositive();
        assertThat(result.silentBreaches).isEqualTo(SILENT);
    }

    private record Result(int falseBreaches, int falseRenotifies, int silentBreaches, int duplicateIds) {
    }

    private static Result restartBehindABacklog(TestKafka kafka, Map<String, String> overrides) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> same = new HashMap<>(overrides);
        for (String key : List.of("topic.events", "topic.policies", "topic.acks", "topic.alerts", "topic.state",
                "topic.dead.letters", "topic.policies.valid")) {
            same.put(key, key.replace('.', '-') + "-" + run);
        }
        same.put("streams.application.id", "it-lag-" + run);
        same.put("streams.state.dir", Files.createTempDirectory("it-lag-").toString());
        same.put("streams.consumer.session.timeout.ms", "6000");
        Instant openedAt;
        Set<String> answered = new HashSet<>();
        Set<String> silent = new HashSet<>();
        IntStream.range(0, ANSWERED).forEach(i -> answered.add("LAG-IT-A-" + run + "-" + i));
        IntStream.range(0, SILENT).forEach(i -> silent.add("LAG-IT-S-" + run + "-" + i));
        try (ProcessorFixture first = new ProcessorFixture(kafka, same);
             TopicReader<String, TicketSnapshot> state = new TopicReader<>(kafka.bootstrapServers(), first.topic("topic.state"),
                     new StringDeserializer(), JsonSerde.of(TicketSnapshot.class).deserializer())) {
            // given tickets with a 20 s first response, opened and applied
            SlaTimersIT.publishPolicy(first, kafka, "/policies/it-lag-policy.json", "it-lag");
            openedAt = Instant.now();
            answered.forEach(id -> first.producer.send(record(first, opened(id, Severity.HIGH, openedAt))));
            silent.forEach(id -> first.producer.send(record(first, opened(id, Severity.HIGH, openedAt))));
            first.producer.flush();
            Set<String> seen = new HashSet<>();
            state.readUntil(records -> {
                records.forEach(r -> seen.add(r.key()));
                return seen.containsAll(answered) && seen.containsAll(silent);
            }, Duration.ofSeconds(60));
            assertThat(seen).containsAll(answered);
        }
        // when, while the processor is down, a backlog and then the answers (before the deadline) reach Kafka
        String events = same.get("topic.events");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "linger.ms", "20", "batch.size", "262144"), new StringSerializer(), new ByteArraySerializer())) {
            // the backlog: one re-delivered event, many times (a no-op per record, but each must be read first)
            TicketEvent again = opened("FILL-" + run, Severity.LOW, openedAt);
            for (int i = 0; i < BACKLOG; i++) {
                // spread over every partition (explicitly: the topology re-keys by ticket anyway)
                producer.send(new ProducerRecord<>(events, i % 3, again.ticketId(), TopologyFixture.json(again)));
            }
            for (String id : answered) {
                producer.send(new ProducerRecord<>(events, id,
                        TopologyFixture.json(simple(EventType.AGENT_REPLIED, id, openedAt.plusSeconds(2)))));
            }
            producer.flush();
        }
        Instant inKafka = Instant.now();
        assertThat(inKafka).as("answers in Kafka before the deadline").isBefore(openedAt.plus(FIRST_RESPONSE));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), openedAt.plus(FIRST_RESPONSE).plusSeconds(2)).toMillis()));

        // then, after the restart, only the silent tickets breach, each once
        try (TopicReader<String, Alert> alerts = new TopicReader<>(kafka.bootstrapServers(), same.get("topic.alerts"),
                new StringDeserializer(), JsonSerde.of(Alert.class).deserializer())) {
            assertThat(alerts.drain(Duration.ofSeconds(1))).noneMatch(r -> r.value().type() == AlertType.BREACH);
            try (ProcessorFixture second = new ProcessorFixture(kafka, same);
                 TopicReader<String, TicketSnapshot> state = new TopicReader<>(kafka.bootstrapServers(),
                         second.topic("topic.state"), new StringDeserializer(),
                         JsonSerde.of(TicketSnapshot.class).deserializer())) {
                Set<String> settled = new HashSet<>(); // first response no longer running: satisfied (or breached)
                long started = System.nanoTime();
                state.readUntil(records -> {
                    records.stream().filter(r -> answered.contains(r.key()) && r.value().clocks().stream()
                            .anyMatch(c -> c.name().equals("first_response") && !c.state().equalsIgnoreCase("running")))
                            .forEach(r -> settled.add(r.key()));
                    return settled.containsAll(answered);
                }, Duration.ofSeconds(120));
                LOG.info("Backlog of {} events applied {} ms after the restart", BACKLOG,
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                List<ConsumerRecord<String, Alert>> all = alerts.drain(Duration.ofSeconds(5));
                int falseBreaches = (int) all.stream().filter(r -> answered.contains(r.key())
                        && r.value().type() == AlertType.BREACH).count();
                int falseRenotifies = (int) all.stream().filter(r -> answered.contains(r.key())
                        && r.value().type() == AlertType.RENOTIFY).count();
                int silentBreaches = (int) all.stream().filter(r -> silent.contains(r.key())
                        && r.value().type() == AlertType.BREACH && "first_response".equals(r.value().clock())).count();
                int duplicates = all.size() - (int) all.stream().map(r -> r.value().alertId()).distinct().count();
                LOG.info("After a restart behind {} events ({}): {} false breaches, {} false re-notifications of {} answered"
                        + " tickets; {} breaches of {} silent tickets; {} duplicate ids", BACKLOG, same.getOrDefault(
                        "sla.timer.hold.max", "default wait"), falseBreaches, falseRenotifies, ANSWERED, silentBreaches, SILENT,
                        duplicates);
                return new Result(falseBreaches, falseRenotifies, silentBreaches, duplicates);
            }
        }
    }

    private static ProducerRecord<String, byte[]> record(ProcessorFixture fx, TicketEvent event) {
        return new ProducerRecord<>(fx.topic("topic.events"), event.ticketId(), TopologyFixture.json(event));
    }
}
