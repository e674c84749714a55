package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import dev.slamonitor.state.TicketSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retention of finished tickets on TopologyTestDriver, with {@code sla.resolved.retention=2h}: the
 * wall clock is advanced past the retention in one-minute steps (each step punctuates once).
 */
class SlaRetentionTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final TopologyFixture fx = new TopologyFixture(Map.of("sla.resolved.retention", "2h"), T0);

    @AfterEach
    void close() {
        fx.close();
    }

    /** Moves the wall clock to T0 + offset in one-minute steps and returns that instant. */
    private Instant at(Duration offset) {
        return fx.advanceTo(T0.plus(offset));
    }

    private TrackedTicket stored(String ticketId) {
        KeyValueStore<String, TrackedTicket> store = fx.driver.getKeyValueStore(SlaStores.TICKETS);
        return store.get(ticketId);
    }

    /** Ticket ids that have an entry in the deadline index (priority byte + deadline + id; the one-byte watermark keys are skipped). */
    private List<String> indexedTickets() {
        KeyValueStore<Bytes, byte[]> index = fx.driver.getKeyValueStore(SlaStores.DEADLINES);
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = index.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] key = kv.key.get();
                if (key.length > 1 + Long.BYTES) {
                    ids.add(new String(key, 1 + Long.BYTES, key.length - 1 - Long.BYTES, StandardCharsets.UTF_8));
                }
            }
        }
        return ids;
    }

    private double forgotten() {
        return fx.metrics.find("slamon.tickets.forgotten").counter().count();
    }

    private List<TestRecord<String, TicketSnapshot>> stateRecords(String ticketId) {
        return fx.state.readRecordsToList().stream().filter(r -> r.key().equals(ticketId)).toList();
    }

    @Test
    void shouldForgetAResolvedTicketWhenTheRetentionEndsAndRefuseLaterEventsAsNotOpened() {
        // given a ticket opened at T0 and resolved at T0+5m, nothing else pending
        fx.send(opened("T-1", Severity.CRITICAL, T0));
        fx.send(event(EventType.RESOLVED, "T-1", at(Duration.ofMinutes(5))).rootCause("billing").build());
        at(Duration.ofMinutes(124));
        assertThat(stored("T-1")).as("kept during the retention").isNotNull();
        assertThat(indexedTickets()).containsExactly("T-1");
        fx.state.readRecordsToList();

        // when the wall clock passes the end of the retention (T0+2h05m)
        at(Duration.ofMinutes(126));

        // then the value and the timer are gone, a tombstone is on the state topic, the counter counts it
        assertThat(stored("T-1")).isNull();
        assertThat(indexedTickets()).isEmpty();
        List<TestRecord<String, TicketSnapshot>> records = stateRecords("T-1");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).isNull();
        assertThat(forgotten()).isEqualTo(1.0);

        // and a later reply is dead-lettered as for a ticket never opened
        fx.send(simple(EventType.AGENT_REPLIED, "T-1", at(Duration.ofMinutes(130))));
        assertThat(fx.deadLetterCount("TICKET_NOT_OPENED")).isEqualTo(1.0);
        assertThat(stored("T-1")).isNull();
        assertThat(stateRecords("T-1")).isEmpty();
    }

    @Test
    void shouldKeepATicketReopenedBeforeTheRetentionEnds() {
        // given a ticket resolved at T0+5m and reopened at T0+1h
        fx.send(opened("T-2", Severity.CRITICAL, T0));
        fx.send(event(EventType.RESOLVED, "T-2", at(Duration.ofMinutes(5))).rootCause("billing").build());
        fx.send(simple(EventType.REOPENED, "T-2", at(Duration.ofHours(1))));

        // when the wall clock passes well beyond the first retention end
        at(Duration.ofHours(3));

        // then the ticket is still there, with clocks running, and no tombstone was published
        assertThat(stored("T-2")).isNotNull();
        assertThat(stored("T-2").sla().restingSince()).isNull();
        assertThat(stateRecords("T-2")).allSatisfy(r -> assertThat(r.value()).isNotNull());
        assertThat(forgotten()).isZero();
    }

    @Test
    void shouldRestartTheRetentionWhenAnEventArrivesForAResolvedTicket() {
        // given a ticket resolved at T0+5m that receives a CSAT score at T0+1h30m
        fx.send(opened("T-3", Severity.CRITICAL, T0));
        fx.send(event(EventType.RESOLVED, "T-3", at(Duration.ofMinutes(5))).rootCause("billing").build());
        fx.send(event(EventType.CSAT_RECEIVED, "T-3", at(Duration.ofMinutes(90))).score(4).build());

        // when the first retention end (T0+2h05m) passes, then the restarted one (T0+3h30m)
        at(Duration.ofMinutes(140));
        TrackedTicket kept = stored("T-3");
        at(Duration.ofMinutes(211));

        // then the ticket outlived the first end and was forgotten after the second
        assertThat(kept).isNotNull();
        assertThat(stored("T-3")).isNull();
        assertThat(forgotten()).isEqualTo(1.0);
        List<TestRecord<String, TicketSnapshot>> records = stateRecords("T-3");
        assertThat(records.get(records.size() - 1).value()).isNull();
    }
}
