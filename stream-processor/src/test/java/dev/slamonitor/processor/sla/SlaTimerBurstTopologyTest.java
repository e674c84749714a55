package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.processor.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * Timer bursts and idleness on TopologyTestDriver: breaches and escalations go before warnings when
 * one punctuation cannot take every due timer, a ticket a punctuation changes is published once, and
 * an idle processor writes nothing at all, neither outputs nor changelog records.
 */
class SlaTimerBurstTopologyTest {

    /** A Monday 09:00 UTC: the default policy's business hours are open. */
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void shouldFireDueBreachesBeforeDueWarningsWhenAPunctuationCannotTakeThemAll() {
        try (TopologyFixture fx = new TopologyFixture(Map.of("sla.punctuation.max.timers", "1"), T0)) {
            // given a critical ticket whose warnings already fired (next wake: its 15-minute deadlines at 09:15)
            fx.send(opened("BREACHING", Severity.CRITICAL, T0));
            fx.advanceTo(T0.plus(Duration.ofMinutes(12)));
            assertThat(fx.alerts.readValuesToList()).extracting(Alert::type).contains(AlertType.WARNING);
            // and one opened at 09:03, whose warnings (09:14:15) come due before those deadlines
            fx.send(opened("WARNING", Severity.CRITICAL, T0.plus(Duration.ofMinutes(3))));
            fx.alerts.readValuesToList(); // its immediate management notice

            // when one punctuation, allowed a single timer, finds both due
            fx.advanceWallClock(Duration.ofMinutes(4));

            // then the breaches went first, although their deadline is the later one; the warnings follow next time
            assertThat(fx.alerts.readValuesToList()).filteredOn(Alert::notifies)
                    .allMatch(a -> a.ticketId().equals("BREACHING")).extracting(Alert::type).contains(AlertType.BREACH);
            fx.advanceWallClock(Duration.ofMillis(50));
            assertThat(fx.alerts.readValuesToList()).filteredOn(Alert::notifies).isNotEmpty()
                    .allMatch(a -> a.ticketId().equals("WARNING") && a.type() == AlertType.WARNING);
        }
    }

    @Test
    void shouldWriteNoRecordAtAllWhileIdleForAnHour() {
        try (TopologyFixture fx = new TopologyFixture(T0)) {
            // given open tickets whose next timers are hours away (first response given, resolution due in a business day)
            for (int i = 0; i < 3; i++) {
                fx.send(opened("IDLE-" + i, Severity.LOW, T0));
                fx.send(simple(EventType.AGENT_REPLIED, "IDLE-" + i, T0.plusSeconds(30)));
            }
            fx.advanceTo(T0.plus(Duration.ofMinutes(1)));
            Map<String, Integer> settling = drainAll(fx);
            assertThat(settling.keySet()).as("the driver records changelog writes").anyMatch(t -> t.endsWith("sla-deadlines-changelog"));

            // when the wall clock runs on for an hour with no input, punctuating every second
            fx.advance(Duration.ofHours(1), Duration.ofSeconds(1));

            // then not one record was written to any topic: no output, no changelog (the timers' bookkeeping included)
            assertThat(drainAll(fx)).isEmpty();
        }
    }

    /** Reads every topic the driver has seen written, returning the topics that had records and how many. */
    private static Map<String, Integer> drainAll(TopologyFixture fx) {
        Map<String, Integer> written = new TreeMap<>();
        for (String topic : fx.driver.producedTopicNames()) {
            int count = fx.driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
                    .readRecordsToList().size();
            if (count > 0) {
                written.put(topic, count);
            }
        }
        return written;
    }
}
