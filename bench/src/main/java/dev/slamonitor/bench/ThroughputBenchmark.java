package dev.slamonitor.bench;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.ProcessorTopology;
import dev.slamonitor.processor.StreamsSettings;
import dev.slamonitor.processor.TopologyEnv;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * (a) events/s through the full processor topology vs an identity pass-through, both exactly-once,
 * over the same pre-produced input on the same broker in one run. Ratio is the number to compare:
 * absolute rates swing with the machine.
 */
final class ThroughputBenchmark {

    /**
     * @param writtenPerEvent records the SLA application wrote per input event, by topic (changelogs,
     *                        repartition and output topics): what the broker has to append and the
     *                        transaction has to wait for, compared with one for the pass-through
     */
    record Result(long events, double passThroughPerSecond, double slaPerSecond, Map<String, Double> writtenPerEvent) {
        double ratio() {
            return slaPerSecond / passThroughPerSecond;
        }
    }

    private ThroughputBenchmark() {
    }

    static Result run(BenchCluster cluster, int tickets, int eventsPerTicket) throws Exception {
        String input = "tp-events";
        cluster.createTopics(3, input, "tp-pass-out");
        long events = produce(cluster, input, tickets, eventsPerTicket);

        AppConfig config = AppConfig.load(Map.of()).with(Map.of(
                "kafka.bootstrap.servers", cluster.bootstrap(),
                "streams.application.id", "tp-sla",
                "topic.events", input,
                "topic.partitions", "3"));
        double pass = measure(cluster, passThrough(config, input), "tp-pass-out", events);
        dev.slamonitor.topic.TopicProvisioner.ensureTopics(config, TopologyEnv.of(config, new SimpleMeterRegistry()).topics().all());
        Properties props = BenchCluster.withStateDir(StreamsSettings.from(config));
        KafkaStreams sla = new KafkaStreams(ProcessorTopology.build(TopologyEnv.of(config, new SimpleMeterRegistry())), props);
        // every applied event publishes one snapshot: the state topic count is the progress
        double full = measure(cluster, sla, config.string("topic.state"), events);
        return new Result(events, pass, full, writtenPerEvent(cluster, config, events));
    }

    /** Same Streams settings as the processor (exactly-once v2, commit, poll, linger): only the topology differs. */
    private static KafkaStreams passThrough(AppConfig config, String input) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-source"))
                .to("tp-pass-out", Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-sink"));
        Properties props = StreamsSettings.from(config.with("streams.application.id", "tp-pass"));
        return new KafkaStreams(builder.build(), BenchCluster.withStateDir(props));
    }

    private static double measure(BenchCluster cluster, KafkaStreams streams, String output, long expected) throws Exception {
        try (KafkaConsumer<String, byte[]> reader = cluster.committedReader(output)) {
            streams.start();
            // Time from RUNNING: topic creation and the first rebalance are not throughput.
            BenchCluster.awaitRunning(streams, Duration.ofMinutes(2));
            long start = System.nanoTime();
            long elapsed = BenchCluster.countUntil(reader, expected, start, Duration.ofMinutes(15));
            return expected / (elapsed / 1e9);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static Map<String, Double> writtenPerEvent(BenchCluster cluster, AppConfig config, long events) throws Exception {
        List<String> outputs = List.of(config.string("topic.state"), config.string("topic.alerts"), config.string("topic.dead.letters"));
        Map<String, Double> perEvent = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            var topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith("tp-sla-") || outputs.contains(t)).toList();
            var partitions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach((name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            // end offsets count transaction markers too; under exactly-once they are part of the write cost
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) ->
                    perEvent.merge(tp.topic().replace("tp-sla-", ""), info.offset() / (double) events, Double::sum));
        }
        perEvent.values().removeIf(v -> v < 0.005);
        return perEvent;
    }

    private static long produce(BenchCluster cluster, String topic, int tickets, int eventsPerTicket) throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofHours(1));
        long count = 0;
        try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
            for (int i = 0; i < tickets; i++) {
                String id = "TP-" + i;
                Instant at = t0.plusMillis(i);
                send(producer, topic, TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, at)
                        .severity(Severity.values()[i % 4]).customer(new Customer("C-" + (i % 500), "business", i % 50 == 0, "Europe/Berlin"))
                        .team("payments").channel("email").tier(SupportTier.L1).build());
                count++;
                for (int e = 1; e < eventsPerTicket; e++) {
                    EventType type = e % 2 == 1 ? EventType.CUSTOMER_REPLIED : EventType.AGENT_REPLIED;
                    send(producer, topic, TicketEvent.builder(type, id + "-" + e, id, at.plusSeconds(e)).build());
                    count++;
                }
            }
            producer.flush();
        }
        return count;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, TicketEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), event.ticketId(),
                Json.mapper().writeValueAsBytes(event)));
    }
}
