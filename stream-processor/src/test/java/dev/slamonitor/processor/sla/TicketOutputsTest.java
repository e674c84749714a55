package dev.slamonitor.processor.sla;

import static dev.slamonitor.processor.TestEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.kernel.AlertMeters;
import dev.slamonitor.processor.sla.domain.ApplyResult;
import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.TicketEventApplier;
import dev.slamonitor.processor.sla.domain.TicketRetention;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/**
 * The ticket processor's outputs: a punctuation that raised an alert asks for a commit as it ends,
 * so the alert's transaction does not wait for the commit interval; one that raised none does not.
 */
class TicketOutputsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final SlaPolicy POLICY = SlaPolicyChannel.defaultPolicy();
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockProcessorContext<String, TicketOutput> context = new MockProcessorContext<>();
    private final TicketOutputs outputs = new TicketOutputs(context, new SlaMeters(registry, new AlertMeters(registry)),
            Duration.ofSeconds(5));

    @Test
    void shouldAskForACommitWhenAPunctuationRaisedAnAlertAndOnlyThen() {
        TicketEvent open = opened("T-1", Severity.HIGH, T0);
        ApplyResult applied = TicketEventApplier.apply(null, open);
        SlaEngine.Outcome opening = SlaEngine.onEvent(null, null, applied.ticket(), open, POLICY, RETENTION, T0);

        // a punctuation with nothing to raise: snapshots only, no commit request
        outputs.batchSnapshots();
        Instant quiet = T0.plus(Duration.ofMinutes(1));
        outputs.publish("T-1", applied.ticket(), SlaEngine.onTimer(opening.state(), applied.ticket(), POLICY, RETENTION, quiet),
                POLICY, quiet, quiet.toEpochMilli(), true, quiet, Set.of());
        outputs.flush();
        assertThat(context.committed()).isFalse();

        // a punctuation at the breach: the alert, then a commit request when it ends
        outputs.batchSnapshots();
        Instant due = T0.plus(Duration.ofMinutes(30));
        SlaEngine.Outcome breach = SlaEngine.onTimer(opening.state(), applied.ticket(), POLICY, RETENTION, due);
        assertThat(breach.alerts()).isNotEmpty();
        outputs.publish("T-1", applied.ticket(), breach, POLICY, due, due.toEpochMilli(), true, due, Set.of());
        assertThat(context.committed()).as("not before the punctuation ends").isFalse();
        outputs.flush();
        assertThat(context.committed()).isTrue();

        // an alert raised by an event (no punctuation) keeps the commit interval
        context.resetCommit();
        outputs.publish("T-1", applied.ticket(), breach, POLICY, due, due.toEpochMilli(), true, null, Set.of());
        assertThat(context.committed()).isFalse();
    }
}
