package dev.slamonitor.processor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.event.Severity;
import dev.slamonitor.processor.TestEvents;
import dev.slamonitor.processor.TopologyFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same 10 000 seeded records through the whole topology: every record read from the events topic
 * is either accepted by ingest or dead-lettered there with a reason; nothing escapes as an exception
 * (the driver would rethrow it), no processing error is left to the safety net, and a good event sent
 * afterwards is processed.
 */
class EventFuzzTopologyTest {

    private static final Logger LOG = LoggerFactory.getLogger(EventFuzzTopologyTest.class);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    /** The production event-time window (the fixture widens the age for feature tests). */
    private final TopologyFixture fx = new TopologyFixture(java.util.Map.of("processor.max.event.age", "7d"), NOW);

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldDeadLetterOrAcceptEveryFuzzedRecordAndKeepProcessing() {
        // given 10 000 seeded mutations, sent with the wall clock at NOW
        List<EventFuzzer.FuzzRecord> records = new EventFuzzer(EventReaderFuzzTest.SEED, NOW).records(EventReaderFuzzTest.COUNT);

        // when they are piped through the topology
        for (EventFuzzer.FuzzRecord record : records) {
            fx.events.pipeInput(record.key(), record.value(), NOW);
        }
        // and a good event follows
        fx.send(TestEvents.opened("FZ-AFTER", Severity.HIGH, NOW));

        // then every record is accounted for: accepted by ingest or dead-lettered by ingest
        double accepted = fx.metrics.get("slamon.events.accepted").counter().count();
        double ingestLetters = deadLetters("events");
        double processingErrors = deadLetters("processing");
        List<TestRecord<String, byte[]>> letters = fx.deadLetters.readRecordsToList();
        Map<String, Integer> byReason = new TreeMap<>();
        letters.forEach(r -> byReason.merge(DeadLetter.fromHeaders(r.headers()).orElseThrow().reason().name(), 1, Integer::sum));
        LOG.info("Topology fuzz (seed {}): records in {} (+1 good) = accepted {} + dead-lettered at ingest {}; processing errors {};"
                        + " dead letters by reason (ingest and features) {}", EventReaderFuzzTest.SEED, records.size(), (long) accepted,
                (long) ingestLetters, (long) processingErrors, byReason);
        assertThat(accepted + ingestLetters).isEqualTo(records.size() + 1);
        assertThat(processingErrors).isZero();
        assertThat(letters).allSatisfy(r -> assertThat(DeadLetter.fromHeaders(r.headers())).isPresent());

        // and the good event sent after the fuzz was processed
        assertThat(fx.state.readKeyValuesToMap()).containsKey("FZ-AFTER");
    }

    private double deadLetters(String stage) {
        return fx.metrics.find("slamon.dead.letters").tag("stage", stage).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
