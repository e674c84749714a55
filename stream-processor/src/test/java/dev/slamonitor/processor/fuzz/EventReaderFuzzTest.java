package dev.slamonitor.processor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.EventTimeWindow;
import dev.slamonitor.event.ParseOutcome;
import dev.slamonitor.event.TicketEventReader;
import dev.slamonitor.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 10 000 seeded hostile records through the one event reader that both the Kafka path and the HTTP
 * ingest use: every record ends accepted or refused with a reason, nothing throws, and what is
 * accepted is a valid event inside the event-time window.
 */
class EventReaderFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(EventReaderFuzzTest.class);
    static final long SEED = 20261201L;
    static final int COUNT = 10_000;
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void shouldAccountForEveryFuzzedRecordAsAcceptedOrRefusedWithAReason() throws Exception {
        // given the reader with the default window and 10 000 seeded mutations
        TicketEventReader reader = new TicketEventReader(EventTimeWindow.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
        List<EventFuzzer.FuzzRecord> records = new EventFuzzer(SEED, NOW).records(COUNT);
        Map<String, Integer> byReason = new TreeMap<>();
        int accepted = 0;
        int validRefused = 0;

        // when each is read
        for (EventFuzzer.FuzzRecord record : records) {
            ParseOutcome outcome = reader.read(record.value(), NOW);
            // then it is exactly one of accepted or refused-with-a-reason
            assertThat(outcome.isAccepted()).as(record.kind()).isEqualTo(outcome.reason() == null);
            if (outcome.isAccepted()) {
                accepted++;
                assertThat(outcome.event().occurredAt()).isBetween(NOW.minus(EventTimeWindow.DEFAULT.maxAge()),
                        NOW.plus(EventTimeWindow.DEFAULT.maxClockSkew()));
                // and an accepted event reads back as itself
                assertThat(reader.read(Json.mapper().writeValueAsBytes(outcome.event()), NOW).event()).isEqualTo(outcome.event());
            } else {
                byReason.merge(outcome.reason().name(), 1, Integer::sum);
                assertThat(outcome.detail()).as(record.kind()).isNotBlank();
                if (record.kind().equals("valid")) {
                    validRefused++;
                }
            }
        }

        int refused = byReason.values().stream().mapToInt(Integer::intValue).sum();
        LOG.info("Reader fuzz (seed {}): records in {} = accepted {} + refused {}; refused by reason {}", SEED, COUNT, accepted,
                refused, byReason);
        assertThat(accepted + refused).isEqualTo(COUNT);
        assertThat(validRefused).as("unmutated events refused").isZero();
        assertThat(byReason).containsKeys(DeadLetterReason.INVALID_JSON.name(), DeadLetterReason.SCHEMA_VIOLATION.name(),
                DeadLetterReason.OCCURRED_AT_IN_FUTURE.name(), DeadLetterReason.OCCURRED_AT_TOO_OLD.name(),
                DeadLetterReason.UNKNOWN_EVENT_TYPE.name());
    }
}
