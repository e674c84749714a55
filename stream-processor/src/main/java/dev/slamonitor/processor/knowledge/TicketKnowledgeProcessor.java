package dev.slamonitor.processor.knowledge;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.refdata.DocumentInForce;
import dev.slamonitor.processor.knowledge.domain.Finding;
import dev.slamonitor.processor.knowledge.domain.KnowledgeAlerts;
import dev.slamonitor.processor.knowledge.domain.KnowledgeTicket;
import dev.slamonitor.processor.knowledge.domain.KnowledgeTicketApplier;
import dev.slamonitor.processor.knowledge.domain.Taxonomy;
import dev.slamonitor.processor.knowledge.domain.TicketStep;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-ticket half of the knowledge loop (key: ticketId): keeps its own small ticket state,
 * raises HANDOFF_INCOMPLETE and PING_PONG as events arrive, forwards every resolution to the per-tag
 * half under its bucket, and raises RCA_OVERDUE on wall-clock time.
 *
 * <p>RCA deadlines are event time (resolvedAt + policy.rcaDue) checked against wall-clock time by a
 * WALL_CLOCK_TIME punctuator over a {@link DeadlineIndex}, so a ticket that receives no further event
 * still gets its alert on time; "now" is the punctuation timestamp. The index is a hint: the stored
 * ticket decides whether the RCA is still owed.
 *
 * <p>Retention: a finished ticket ({@link KnowledgeRetention}) gets a second entry in the same index at
 * its {@code forgetAt}; when that entry comes due and the stored ticket still says so, its state is
 * deleted and {@code slamon.tickets.forgotten{feature="knowledge-rca"}} counts it.
 */
final class TicketKnowledgeProcessor implements Processor<String, TicketEvent, String, KnowledgeOutput> {

    static final String FEATURE = "knowledge-rca";

    private final KnowledgeSettings settings;
    private final KnowledgeMetrics metrics;
    private final DocumentInForce<Taxonomy> taxonomy;
    private ProcessorContext<String, KnowledgeOutput> context;
    private KeyValueStore<String, KnowledgeTicket> tickets;
    private DeadlineIndex deadlines;
    private final TimerPunctuation timers;
    private Counter forgotten;

    TicketKnowledgeProcessor(KnowledgeSettings settings, KnowledgeMetrics metrics, DocumentInForce<Taxonomy> taxonomy) {
        this.settings = settings;
        this.metrics = metrics;
        this.taxonomy = taxonomy;
        this.timers = metrics.timers(FEATURE, settings);
    }

    @Override
    public void init(ProcessorContext<String, KnowledgeOutput> context) {
        this.context = context;
        this.tickets = context.getStateStore(KnowledgeStores.TICKETS);
        this.deadlines = new DeadlineIndex(context.getStateStore(KnowledgeStores.RCA_DEADLINES));
        taxonomy.init(context);
        this.forgotten = metrics.forgotten(FEATURE);
        timers.start(context, deadlines, (ticketId, deadlineMs, nowMs) -> onDue(ticketId, deadlineMs, nowMs,
                taxonomy.current().version()));
    }

    @Override
    public void process(Record<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (!KnowledgeTicketApplier.isRelevant(event)) {
            return;
        }
        Taxonomy tx = taxonomy.current();
        KnowledgeTicket before = tickets.get(record.key());
        TicketStep step = KnowledgeTicketApplier.apply(before, event, tx.policy());
        if (step.duplicate()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        KnowledgeTicket ticket = settings.ticketRetention().settle(step.ticket(), true, now);
        tickets.put(record.key(), ticket);
        Instant beforeDue = before == null ? null : before.rcaDueAt();
        if (ticket.rcaDueAt() != null && !Objects.equals(beforeDue, ticket.rcaDueAt())) {
            deadlines.schedule(ticket.ticketId(), ticket.rcaDueAt().toEpochMilli());
        }
        moveForgetTimer(before, ticket);
        if (before != null && before.rcaOverdueAlerted() && before.rcaPublishedAt() == null && ticket.rcaPublishedAt() != null) {
            Alert ended = KnowledgeAlerts.rcaOverdue(before, tx.version(), now).resolved("rca_published", now,
                    "RCA of " + ticket.ticketId() + " published");
            context.forward(record.withKey(ended.partitionKey()).withValue(new KnowledgeOutput.Raised(ended)));
        }
        for (Finding finding : step.findings()) {
            if (finding instanceof Finding.HandoffIncomplete h) {
                emitAlert(record, KnowledgeAlerts.handoffIncomplete(ticket, h, tx.version(), now));
            } else if (finding instanceof Finding.PingPong p) {
                emitAlert(record, KnowledgeAlerts.pingPong(ticket, p, tx.version(), now));
            } else if (finding instanceof Finding.Resolved r) {
                String bucket = tx.bucketOf(r.cause().rootCause());
                context.forward(record.withKey(bucket).withValue(new KnowledgeOutput.Resolved(TagInput.of(r.cause()))));
            }
        }
    }

    /** One due index entry: an RCA deadline (alert once) or the end of a finished ticket's retention (forget). */
    private void onDue(String ticketId, long deadlineMs, long nowMs, int version) {
        KnowledgeTicket stored = tickets.get(ticketId);
        Instant now = Instant.ofEpochMilli(nowMs);
        var overdue = KnowledgeTicketApplier.rcaOverdue(stored, nowMs);
        if (overdue.isPresent()) {
            KnowledgeTicket alerted = settings.ticketRetention().settle(overdue.get(), false, now);
            tickets.put(ticketId, alerted);
            moveForgetTimer(stored, alerted);
            Alert alert = KnowledgeAlerts.rcaOverdue(alerted, version, now);
            metrics.alert(alert);
            context.forward(new Record<>(ticketId, new KnowledgeOutput.Raised(alert), nowMs));
        } else if (stored != null && stored.forgetAt() != null && stored.forgetAt().toEpochMilli() == deadlineMs
                && settings.ticketRetention().isExpired(stored, now)) {
            tickets.delete(ticketId);
            forgotten.increment();
        }
    }

    /**
     * Keeps one retention entry per finished ticket: cancels the previous {@code forgetAt} entry (unless
     * an RCA deadline shares its instant) and schedules the new one.
     */
    private void moveForgetTimer(KnowledgeTicket before, KnowledgeTicket after) {
        Instant old = before == null ? null : before.forgetAt();
        Instant next = after.forgetAt();
        if (Objects.equals(old, next)) {
            return;
        }
        if (old != null && !old.equals(after.rcaDueAt())) {
            deadlines.cancel(after.ticketId(), old.toEpochMilli());
        }
        if (next != null) {
            deadlines.schedule(after.ticketId(), next.toEpochMilli());
        }
    }

    /** Handoff and ping-pong findings are about an event already past: one-off, resolved at once. */
    private void emitAlert(Record<String, TicketEvent> record, Alert alert) {
        metrics.alert(alert);
        context.forward(record.withKey(alert.partitionKey()).withValue(new KnowledgeOutput.Raised(alert)));
        Alert ended = alert.resolved("one_off", alert.firedAt(), alert.message());
        context.forward(record.withKey(ended.partitionKey()).withValue(new KnowledgeOutput.Raised(ended)));
    }
}
