package dev.slamonitor.processor.metrics;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.metrics.domain.TicketMetricsRulesTest.escalation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class BusinessMetricsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void shouldCountTheLifeOfAnEscalatedTicketOnTheAgreedMeters() {
        try (TopologyFixture fx = new TopologyFixture(T0)) {
            // given
            fx.send(opened("T-1", Severity.CRITICAL, T0));
            fx.send(opened("T-2", Severity.LOW, T0));

            // when
            fx.send(escalation("T-1", T0.plusSeconds(20 * 60), SupportTier.L1, SupportTier.L2));
            fx.send(event(EventType.RESOLVED, "T-1", T0.plusSeconds(3600)).rootCause("sso").build());
            fx.send(event(EventType.CSAT_RECEIVED, "T-1", T0.plusSeconds(7200)).score(3).build());
            fx.send(event(EventType.RESOLVED, "T-2", T0.plusSeconds(60)).rootCause("how-to").build());

            // then
            var m = fx.metrics;
            assertThat(m.get("slamon.tickets.opened").tag("severity", "critical").counter().count()).isEqualTo(1);
            assertThat(m.get("slamon.tickets.opened").tag("severity", "low").counter().count()).isEqualTo(1);
            assertThat(m.get("slamon.tickets.escalated").tags("severity", "critical", "from_tier", "L1", "to_tier", "L2")
                    .counter().count()).isEqualTo(1);
            assertThat(m.get("slamon.tickets.resolved").tags("severity", "critical", "tier", "L2").counter().count()).isEqualTo(1);
            assertThat(m.get("slamon.tickets.resolved").tags("severity", "low", "tier", "L1").counter().count()).isEqualTo(1);
            var tte = m.get("slamon.time.to.escalate").tag("severity", "critical").timer();
            assertThat(tte.count()).isEqualTo(1);
            assertThat(tte.totalTime(TimeUnit.MINUTES)).isEqualTo(20.0);
            var csat = m.get("slamon.csat.escalated").summary();
            assertThat(csat.count()).isEqualTo(1);
            assertThat(csat.mean()).isEqualTo(3.0);
            assertThat(m.get("slamon.target").tag("metric", "csat_escalated").gauge().value()).isEqualTo(4.0);
        }
    }

    @Test
    void shouldNotCountARepublishedEventAgain() {
        try (TopologyFixture fx = new TopologyFixture(T0)) {
            // given
            TicketEvent open = opened("T-1", Severity.HIGH, T0);
            TicketEvent escalation = escalation("T-1", T0.plusSeconds(60), SupportTier.L1, SupportTier.L2);

            // when
            fx.send(open);
            fx.send(escalation);
            fx.send(open);
            fx.send(escalation);

            // then
            assertThat(fx.metrics.get("slamon.tickets.opened").counter().count()).isEqualTo(1);
            assertThat(fx.metrics.get("slamon.tickets.escalated").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void shouldForgetTicketFactsAfterRetentionOfWallClockTime() {
        try (TopologyFixture fx = new TopologyFixture(Map.of("metrics.ticket.retention", "1h",
                "metrics.expiry.interval", "1m"), T0)) {
            // given
            fx.send(opened("T-1", Severity.HIGH, T0));
            KeyValueStore<String, ?> facts = fx.driver.getKeyValueStore(MetricsStores.TICKET_FACTS);
            assertThat(facts.get("T-1")).isNotNull();

            // when
            fx.advanceWallClock(Duration.ofMinutes(59));
            boolean keptBeforeRetention = facts.get("T-1") != null;
            fx.advanceWallClock(Duration.ofMinutes(2));

            // then
            assertThat(keptBeforeRetention).isTrue();
            assertThat(facts.get("T-1")).isNull();
            assertThat(fx.metrics.get("slamon.timers.fired").tag("feature", "metrics").counter().count()).isEqualTo(1);
            assertThat(fx.metrics.get("slamon.punctuation").tag("feature", "metrics").timer().count()).isPositive();
        }
    }

    @Test
    void shouldKeepFactsOfATicketThatIsStillActive() {
        try (TopologyFixture fx = new TopologyFixture(Map.of("metrics.ticket.retention", "1h"), T0)) {
            // given
            fx.send(opened("T-1", Severity.HIGH, T0));
            fx.advanceWallClock(Duration.ofMinutes(50));

            // when: activity moves the expiry
            fx.send(escalation("T-1", T0.plusSeconds(50 * 60), SupportTier.L1, SupportTier.L2));
            fx.advanceWallClock(Duration.ofMinutes(20));

            // then
            KeyValueStore<String, ?> facts = fx.driver.getKeyValueStore(MetricsStores.TICKET_FACTS);
            assertThat(facts.get("T-1")).isNotNull();
        }
    }
}
