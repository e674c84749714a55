package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.sla.domain.AlertLateness;
import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.SupersededWarnings;
import dev.slamonitor.processor.sla.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The one way the ticket processor emits: alerts (marked late when a timer fired them late, flagged
 * when they superseded a warning, counted on the meters), snapshots, tombstones and rejections.
 * Inside a punctuation, snapshots wait until it ends, so a ticket it changes twice (a timer, then the
 * policy sweep) is published once.
 */
final class TicketOutputs {

    private final ProcessorContext<String, TicketOutput> context;
    private final SlaMeters meters;
    private final Duration lateAfter;
    private final Map<String, Record<String, TicketOutput>> pendingSnapshots = new LinkedHashMap<>();
    private boolean batching;
    private boolean raisedWhileBatching;

    TicketOutputs(ProcessorContext<String, TicketOutput> context, SlaMeters meters, Duration lateAfter) {
        this.context = context;
        this.meters = meters;
        this.lateAfter = lateAfter;
    }

    /** From now until {@link #flush}, snapshots are kept back, the latest per ticket. */
    void batchSnapshots() {
        batching = true;
    }

    /**
     * Publishes the snapshots kept back, one per ticket, in the order the tickets first changed. If
     * the punctuation raised an alert, asks Kafka Streams to commit now: under exactly-once an alert
     * is visible only once its transaction commits, and waiting for {@code commit.interval.ms} would
     * add up to that much to every breach. Runs without alerts, and records, keep the interval.
     */
    void flush() {
        batching = false;
        pendingSnapshots.values().forEach(context::forward);
        pendingSnapshots.clear();
        if (raisedWhileBatching) {
            raisedWhileBatching = false;
            context.commit();
        }
    }

    /** The clocks whose warning the step's breach made pointless (counted on {@code slamon.warnings.superseded}). */
    Set<String> superseded(SlaState before, SlaEngine.Outcome outcome) {
        Set<String> clocks = SupersededWarnings.clocks(before, outcome.state(), outcome.alerts());
        meters.warningsSuperseded.increment(clocks.size());
        return clocks;
    }

    /**
     * Publishes the step's alerts and, if {@code snapshot}, the ticket's snapshot.
     *
     * @param timerDue the deadline of the timer that fired the step (alerts are marked late against it); null for events
     */
    void publish(String ticketId, Ticket ticket, SlaEngine.Outcome outcome, SlaPolicy policy, Instant now, long timestamp,
                 boolean snapshot, Instant timerDue, Set<String> supersededWarnings) {
        for (Alert raised : outcome.alerts()) {
            // lateness is a property of notices; lifecycle records (ACKNOWLEDGED, RESOLVED) are not marked
            Alert alert = timerDue == null || !raised.notifies() ? raised : AlertLateness.mark(raised, timerDue, now, lateAfter);
            if (alert.type() == AlertType.BREACH && supersededWarnings.contains(alert.clock())) {
                alert = AlertLateness.withDetails(alert, Map.of("warningSuperseded", true));
            }
            if (Boolean.TRUE.equals(alert.details().get("late"))) {
                meters.alertsLate.increment();
            }
            meters.alerts.record(alert);
            context.forward(new Record<>(ticketId, new TicketOutput.Raised(alert), timestamp));
            raisedWhileBatching |= batching;
        }
        if (snapshot) {
            Record<String, TicketOutput> record = new Record<>(ticketId, new TicketOutput.Snapshot(
                    SnapshotMapper.toSnapshot(ticket, outcome.state(), policy, now)), timestamp);
            if (batching) {
                pendingSnapshots.put(ticketId, record);
            } else {
                context.forward(record);
            }
        }
    }

    /** A tombstone for a forgotten ticket on the (compacted) state topic; a snapshot kept back for it is dropped. */
    void tombstone(String ticketId, long timestamp) {
        pendingSnapshots.remove(ticketId);
        meters.forgotten.increment();
        context.forward(new Record<>(ticketId, new TicketOutput.Forgotten(), timestamp));
    }

    void reject(String ticketId, DeadLetterReason reason, String detail, byte[] raw, long timestamp) {
        context.forward(new Record<>(ticketId, new TicketOutput.Refused(new Rejection(reason, detail, raw)), timestamp));
    }
}
