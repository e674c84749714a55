package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.ingest.Rejection;
import dev.slamonitor.processor.kernel.AlertMeters;
import dev.slamonitor.processor.sla.domain.AlertLateness;
import dev.slamonitor.processor.sla.domain.ApplyResult;
import dev.slamonitor.processor.sla.domain.SeenEvents;
import dev.slamonitor.processor.sla.domain.SlaEngine;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.SupersededWarnings;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.processor.sla.domain.TicketEventApplier;
import dev.slamonitor.processor.sla.domain.TrackedTicket;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.DeadlineIndex.Priority;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import dev.slamonitor.processor.timer.InputWatermark;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one ticket's state per key and runs its SLA clocks. Each event is de-duplicated by eventId
 * against the ids the ticket remembers ({@link dev.slamonitor.processor.sla.domain.SeenEvents}),
 * applied through the pure {@link TicketEventApplier} and {@link SlaEngine}, stored as one
 * {@link TrackedTicket} value (facts, clocks and seen ids together: one read, one write and one
 * changelog record per event), and published as a snapshot plus any alerts; an event that cannot
 * apply becomes a dead letter. Acknowledgements of alerts arrive on the
 * same partitions (same key) and stop re-notify chains.
 *
 * <p>Timers: each ticket has at most one entry in the {@link DeadlineIndex}, at its state's
 * {@code wakeAt}. A WALL_CLOCK_TIME punctuator (wall clock because a ticket that receives no further
 * event must still breach on time; stream time would only advance with new records) visits only due
 * entries, takes "now" from the punctuation timestamp, and lets the engine fire whatever the stored
 * deadlines say is due, so late punctuations and restarts delay alerts but never lose or repeat
 * them. Timer state, ticket state and outputs commit together under exactly-once.
 *
 * <p>No false page from lag: a due timer fires only up to the {@link InputWatermark}, the instant up
 * to which every input record in Kafka is applied, so an answer or pause that was already in Kafka
 * before the deadline (while this task restarts, restores or runs behind) always counts first. A
 * timer waits at most {@code sla.timer.hold.max} from its deadline or this task's start (whichever
 * is later), then fires anyway; alerts sent more than {@code sla.alert.late.after} after they were
 * due are marked late ({@link AlertLateness}). Warnings a breach made pointless are counted
 * ({@code slamon.warnings.superseded}). See docs/adr/0008-timers-wait-for-input.md.
 *
 * <p>Retention: a finished ticket with nothing pending wakes up when its retention ends
 * ({@link dev.slamonitor.processor.sla.domain.TicketRetention}, decided by the engine); if it is still
 * finished and untouched then, its value is deleted, a tombstone goes to the state topic and
 * {@code slamon.tickets.forgotten} counts it. A later event for it is refused like one for an
 * unknown ticket (TICKET_NOT_OPENED).
 *
 * <p>Policies: read from the global policy catalog through {@link PolicyCache}; when the catalog
 * changes, a budgeted sweep re-evaluates this task's tickets so a new policy applies without a restart
 * and without waiting for each ticket's next event.
 */
final class TicketProcessor implements Processor<String, TicketInput, String, TicketOutput>, TimerPunctuation.Timers {

    private static final JsonSerde<TicketEvent> EVENT_JSON = JsonSerde.of(TicketEvent.class);
    private static final String FEATURE = "sla";
    private static final String SWEEP_CURSOR = "cursor";
    private static final String SWEEP_FINGERPRINT = "fingerprint";

    private final SlaSettings settings;
    private final SlaPolicy fallbackPolicy;
    private final AlertMeters alertMetrics;
    private final TimerPunctuation timers;
    private final Counter forgotten;
    private final Counter timersForced;
    private final Counter warningsSuperseded;
    private final Counter alertsLate;
    private final InputWatermark inputWatermark;
    private long taskStartedAt;
    private ProcessorContext<String, TicketOutput> context;
    private KeyValueStore<String, TrackedTicket> tickets;
    private KeyValueStore<String, String> sweep;
    private DeadlineIndex deadlines;
    private PolicyCache policies;

    private long confirmed;
    private Instant until;
    /** Snapshots of the tickets a punctuation changed, published once per ticket when the punctuation ends. */
    private final Map<String, Record<String, TicketOutput>> pendingSnapshots = new LinkedHashMap<>();
    private boolean inPunctuation;

    TicketProcessor(SlaSettings settings, SlaPolicy fallbackPolicy, MeterRegistry registry, AlertMeters alertMeters,
                    InputWatermark inputWatermark) {
        this.settings = settings;
        this.inputWatermark = inputWatermark;
        this.fallbackPolicy = fallbackPolicy;
        this.alertMetrics = alertMeters;
        this.timers = new TimerPunctuation(FEATURE, settings.punctuationInterval(),
                new TimerPunctuation.Budget(settings.maxTimers(), settings.maxMillis()), registry);
        this.forgotten = Counter.builder("slamon.tickets.forgotten")
                .description("Finished tickets whose state was deleted after the retention").tag("feature", FEATURE)
                .register(registry);
        this.timersForced = Counter.builder("slamon.timers.forced")
                .description("Due timers fired after waiting sla.timer.hold.max without the input being confirmed applied")
                .tag("feature", FEATURE).register(registry);
        this.warningsSuperseded = Counter.builder("slamon.warnings.superseded")
                .description("Warnings never sent because their breach was already due when the clock was evaluated")
                .tag("feature", FEATURE).register(registry);
        this.alertsLate = Counter.builder("slamon.alerts.late")
                .description("Alerts sent more than sla.alert.late.after after they were due (marked details.late)")
                .tag("feature", FEATURE).register(registry);
    }

    @Override
    public void init(ProcessorContext<String, TicketOutput> context) {
        this.context = context;
        this.tickets = context.getStateStore(SlaStores.TICKETS);
        this.sweep = context.getStateStore(SlaStores.POLICY_SWEEP);
        this.deadlines = new DeadlineIndex(context.getStateStore(SlaStores.DEADLINES));
        this.policies = new PolicyCache(context.getStateStore(SlaStores.POLICY_CATALOG), fallbackPolicy);
        this.taskStartedAt = context.currentSystemTimeMs();
        startSweepIfPoliciesChanged();
        timers.start(context, deadlines, this);
    }

    @Override
    public void process(Record<String, TicketInput> record) {
        if (record.value().ack() != null) {
            processAck(record.key(), record.value(), record.timestamp());
        } else {
            processEvent(record.withValue(record.value().event()));
        }
    }

    private void processEvent(Record<String, TicketEvent> record) {
        TicketEvent event = record.value();
        TrackedTicket tracked = tickets.get(record.key());
        if (tracked != null && tracked.seen().contains(event.eventId())) {
            return; // a redelivered or re-published event changes nothing
        }
        Ticket before = tracked == null ? null : tracked.ticket();
        ApplyResult result = TicketEventApplier.apply(before, event);
        if (!result.isApplied()) {
            context.forward(new Record<>(record.key(), TicketOutput.of(new Rejection(result.refusal(), result.detail(),
                    EVENT_JSON.serializer().serialize(null, event))), record.timestamp()));
            return;
        }
        Ticket ticket = result.ticket();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        SlaState previous = tracked == null ? null : tracked.sla();
        SlaPolicy policy = policies.catalog().select(ticket);
        SlaEngine.Outcome outcome = SlaEngine.onEvent(previous, before, ticket, event, policy, settings.retention(), now);
        Set<String> superseded = SupersededWarnings.clocks(previous, outcome.state(), outcome.alerts());
        warningsSuperseded.increment(superseded.size());
        // Keyed by stream time, not event time: a very late event is still remembered for the full retention.
        SeenEvents seen = (tracked == null ? SeenEvents.NONE : tracked.seen()).plus(
                event.eventId(), context.currentStreamTimeMs(), settings.dedupRetention().toMillis(), settings.dedupMaxIds());
        persist(record.key(), previous, new TrackedTicket(ticket, outcome.state(), seen), true);
        publish(record.key(), ticket, outcome, policy, now, record.timestamp(), true, null, superseded);
    }

    private void processAck(String ticketId, TicketInput input, long timestamp) {
        AlertAck ack = input.ack();
        TrackedTicket tracked = tickets.get(ticketId);
        if (tracked == null) {
            rejectAck(ticketId, input, timestamp, "ticket " + ticketId + " is unknown; cannot acknowledge alert " + ack.alertId());
            return;
        }
        Ticket ticket = tracked.ticket();
        SlaState state = tracked.sla();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        SlaPolicy policy = policies.catalog().select(ticket);
        SlaEngine.AckOutcome outcome = SlaEngine.onAck(state, ticket, policy, ack, settings.retention(), now);
        if (outcome.refusal() != null) {
            rejectAck(ticketId, input, timestamp, outcome.refusal());
            return;
        }
        if (outcome.changed()) {
            persist(ticketId, state, tracked.withSla(outcome.state()), true);
            publish(ticketId, ticket, new SlaEngine.Outcome(outcome.state(), outcome.alerts(), true), policy, now,
                    timestamp, true, null, Set.of());
        }
    }

    private void rejectAck(String ticketId, TicketInput input, long timestamp, String detail) {
        context.forward(new Record<>(ticketId, TicketOutput.of(new Rejection(DeadLetterReason.INVALID_ACK, detail,
                input.raw())), timestamp));
    }

    // ---- timers -------------------------------------------------------------------------------

    /** Each punctuation first sees a changed policy catalog (and starts a sweep if it changed). */
    @Override
    public void before(long nowMs) {
        inPunctuation = true;
        if (policies.refresh()) {
            startSweepIfPoliciesChanged();
        }
    }

    /**
     * The latest deadline that may fire now: what the input watermark confirms, or, once a timer has
     * waited {@code sla.timer.hold.max} since its deadline (and since this task started), that too.
     */
    @Override
    public long fireUpTo(long nowMs) {
        confirmed = inputWatermark.processedUpTo();
        long hold = settings.timerHoldMax().toMillis();
        long forced = nowMs - taskStartedAt >= hold ? nowMs - hold : Long.MIN_VALUE;
        long upTo = Math.max(0, Math.max(Math.min(nowMs, confirmed), forced));
        until = Instant.ofEpochMilli(upTo);
        return upTo;
    }

    @Override
    public void onDue(String ticketId, long deadlineMs, long nowMs) {
        if (deadlineMs > confirmed) {
            timersForced.increment();
        }
        onTimer(ticketId, deadlineMs, until, Instant.ofEpochMilli(nowMs), nowMs);
    }

    /** The policy sweep runs after the due timers, with the same bound. */
    @Override
    public void after(long nowMs) {
        sweepStep(until, Instant.ofEpochMilli(nowMs), nowMs);
        inPunctuation = false;
        pendingSnapshots.values().forEach(context::forward);
        pendingSnapshots.clear();
    }

    private void onTimer(String ticketId, long deadline, Instant until, Instant now, long timestamp) {
        TrackedTicket tracked = tickets.get(ticketId);
        SlaState state = tracked == null ? null : tracked.sla();
        if (state == null || state.wakeAt() == null || state.wakeAt().toEpochMilli() != deadline) {
            return; // a stale index entry: the state moved on (the index is a hint, the state is the truth)
        }
        Ticket ticket = tracked.ticket();
        if (SlaEngine.isExpired(state, ticket, settings.retention(), until)) {
            forget(ticketId, timestamp); // the punctuation already took the index entry out
            return;
        }
        SlaPolicy policy = policies.catalog().select(ticket);
        SlaEngine.Outcome outcome = SlaEngine.onTimer(state, ticket, policy, settings.retention(), until, now);
        Set<String> superseded = SupersededWarnings.clocks(state, outcome.state(), outcome.alerts());
        warningsSuperseded.increment(superseded.size());
        persist(ticketId, state, tracked.withSla(outcome.state()), false);
        publish(ticketId, ticket, outcome, policy, now, timestamp, outcome.changed(), Instant.ofEpochMilli(deadline), superseded);
    }

    /** After a policy change: re-evaluates a batch of this task's tickets per punctuation, from a persisted cursor. */
    private void sweepStep(Instant until, Instant now, long timestamp) {
        String cursor = sweep.get(SWEEP_CURSOR);
        if (cursor == null) {
            return;
        }
        int visited = 0;
        String last = null;
        boolean more;
        try (KeyValueIterator<String, TrackedTicket> it = tickets.range(cursor.isEmpty() ? null : cursor, null)) {
            while (it.hasNext() && visited < settings.sweepBatch()) {
                KeyValue<String, TrackedTicket> kv = it.next();
                last = kv.key;
                if (kv.key.equals(cursor)) {
                    continue; // the cursor is the last key already handled
                }
                visited++;
                reevaluate(kv.key, kv.value, until, now, timestamp);
            }
            more = it.hasNext();
        }
        if (more && last != null) {
            sweep.put(SWEEP_CURSOR, last);
        } else {
            sweep.delete(SWEEP_CURSOR);
        }
    }

    private void reevaluate(String ticketId, TrackedTicket tracked, Instant until, Instant now, long timestamp) {
        Ticket ticket = tracked.ticket();
        SlaState state = tracked.sla();
        SlaPolicy policy = policies.catalog().select(ticket);
        if (state.isPolicy(policy) && !settings.retention().isOutOfDate(ticket, state)) {
            return;
        }
        SlaEngine.Outcome outcome = SlaEngine.onTimer(state, ticket, policy, settings.retention(), until, now);
        Set<String> superseded = SupersededWarnings.clocks(state, outcome.state(), outcome.alerts());
        warningsSuperseded.increment(superseded.size());
        persist(ticketId, state, tracked.withSla(outcome.state()), true);
        // only rescheduled for the retention (same policy, nothing fired): the snapshot would be unchanged
        publish(ticketId, ticket, outcome, policy, now, timestamp, outcome.changed() || !state.isPolicy(policy), null,
                superseded);
    }

    /** The sweep also runs once when the retention changes (or first exists), so resting tickets get their wake-up. */
    private void startSweepIfPoliciesChanged() {
        String fingerprint = policies.catalog().fingerprint() + "|retention=" + settings.retention().keepResolved();
        if (!fingerprint.equals(sweep.get(SWEEP_FINGERPRINT))) {
            sweep.put(SWEEP_FINGERPRINT, fingerprint);
            sweep.put(SWEEP_CURSOR, "");
        }
    }

    // ---- state and output ---------------------------------------------------------------------

    /**
     * Stores the ticket with its new SLA state and moves the ticket's timer to its new wake-up.
     *
     * @param previous       the SLA state before (null for a new ticket), whose wake-up the index holds
     * @param indexEntryLive false when the old entry was already taken out of the index by the punctuation
     */
    private void persist(String ticketId, SlaState previous, TrackedTicket next, boolean indexEntryLive) {
        tickets.put(ticketId, next);
        Instant oldWake = previous == null ? null : previous.wakeAt();
        Instant newWake = next.sla().wakeAt();
        Priority oldPriority = oldWake == null ? null : priorityOf(previous);
        Priority newPriority = newWake == null ? null : priorityOf(next.sla());
        boolean same = oldWake != null && oldWake.equals(newWake) && oldPriority == newPriority;
        if (oldWake != null && indexEntryLive && !same) {
            deadlines.cancel(ticketId, Math.max(0, oldWake.toEpochMilli()), oldPriority);
        }
        if (newWake != null && (!indexEntryLive || !same)) {
            deadlines.schedule(ticketId, Math.max(0, newWake.toEpochMilli()), newPriority);
        }
    }

    /** Breaches and escalations go before warnings, re-notifications and retention when many fall due at once. */
    private static Priority priorityOf(SlaState state) {
        return state.wakesForDeadline() ? Priority.HIGH : Priority.NORMAL;
    }

    /** Deletes a finished ticket's state and publishes a tombstone for it to the (compacted) state topic. */
    private void forget(String ticketId, long timestamp) {
        tickets.delete(ticketId);
        pendingSnapshots.remove(ticketId);
        forgotten.increment();
        context.forward(new Record<>(ticketId, TicketOutput.tombstone(), timestamp));
    }

    private void publish(String ticketId, Ticket ticket, SlaEngine.Outcome outcome, SlaPolicy policy, Instant now,
                         long timestamp, boolean snapshot, Instant timerDue, Set<String> supersededWarnings) {
        for (Alert raised : outcome.alerts()) {
            // lateness is a property of notices; lifecycle records (ACKNOWLEDGED, RESOLVED) are not marked
            Alert alert = timerDue == null || !raised.notifies() ? raised : AlertLateness.mark(raised, timerDue, now, settings.lateAfter());
            if (alert.type() == AlertType.BREACH && supersededWarnings.contains(alert.clock())) {
                alert = AlertLateness.withDetails(alert, Map.of("warningSuperseded", true));
            }
            if (Boolean.TRUE.equals(alert.details().get("late"))) {
                alertsLate.increment();
            }
            alertMetrics.record(alert);
            context.forward(new Record<>(ticketId, TicketOutput.of(alert), timestamp));
        }
        if (snapshot) {
            Record<String, TicketOutput> record = new Record<>(ticketId, TicketOutput.of(
                    SnapshotMapper.toSnapshot(ticket, outcome.state(), policy, now)), timestamp);
            if (inPunctuation) {
                pendingSnapshots.put(ticketId, record); // a ticket a punctuation changes twice is published once
            } else {
                context.forward(record);
            }
        }
    }
}
