package dev.slamonitor.processor.refund;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.processor.refdata.DocumentInForce;
import dev.slamonitor.processor.refund.domain.GovernanceAlerts;
import dev.slamonitor.processor.refund.domain.GovernancePolicy;
import dev.slamonitor.processor.refund.domain.LeakageEntry;
import dev.slamonitor.processor.refund.domain.RefundCase;
import dev.slamonitor.processor.refund.domain.RefundGovernance;
import dev.slamonitor.processor.refund.domain.RefundGovernance.DecisionOutcome;
import dev.slamonitor.processor.refund.domain.RefundGovernance.RequestOutcome;
import dev.slamonitor.processor.refund.domain.RuleBreach;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Follows every refund of the tickets on this task from REFUND_REQUESTED to REFUND_DECIDED: keeps
 * the case, schedules its approval-cycle deadline, applies the governance rules of the policy in
 * force, and emits violations, the approval record, the approved amount for the leakage ledger and
 * dead letters for refund events governance cannot use. Also remembers each ticket's team.
 *
 * <p>Overdue approvals run on wall-clock time, not stream time: a refund nobody decides produces no
 * further events, so stream time would never reach its deadline. The punctuator takes "now" from its
 * timestamp and derives overdue from the stored deadline, never from counting punctuations; each
 * refund alerts once (the case remembers it), and work per punctuation is bounded by the budget.
 */
final class RefundProcessor implements Processor<String, TicketEvent, String, RefundOutput> {

    private static final JsonSerde<TicketEvent> EVENT_JSON = JsonSerde.of(TicketEvent.class);

    private final DocumentInForce<GovernancePolicy> policies;
    private final RefundMetrics metrics;
    private final TimerPunctuation timers;
    private final Duration teamRetention;
    private ProcessorContext<String, RefundOutput> context;
    private KeyValueStore<String, RefundCase> cases;
    private WindowStore<String, String> teams;
    private DeadlineIndex deadlines;


    RefundProcessor(DocumentInForce<GovernancePolicy> policies, RefundMetrics metrics, TimerPunctuation timers, Duration teamRetention) {
        this.policies = policies;
        this.metrics = metrics;
        this.timers = timers;
        this.teamRetention = teamRetention;
    }

    @Override
    public void init(ProcessorContext<String, RefundOutput> context) {
        this.context = context;
        this.cases = context.getStateStore(RefundStores.CASES);
        this.teams = context.getStateStore(RefundStores.TICKET_TEAMS);
        KeyValueStore<Bytes, byte[]> timerStore = context.getStateStore(RefundStores.DEADLINES);
        this.deadlines = new DeadlineIndex(timerStore);
        policies.init(context);
        timers.start(context, deadlines, this::onDue);
    }

    @Override
    public void process(Record<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (event.type() == EventType.TICKET_OPENED) {
            if (event.team() != null) {
                teams.put(event.ticketId(), event.team(), event.occurredAt().toEpochMilli());
            }
            return;
        }
        GovernancePolicy policy = policies.current();
        String key = RefundCase.keyOf(event.ticketId(), event.refundId());
        RefundCase current = cases.get(key);
        if (event.type() == EventType.REFUND_REQUESTED) {
            request(record, event, current, key, policy);
        } else if (event.type() == EventType.REFUND_DECIDED) {
            decide(record, event, current, key, policy);
        }
    }

    private void request(Record<String, TicketEvent> record, TicketEvent event, RefundCase current, String key,
                         GovernancePolicy policy) {
        RequestOutcome outcome = RefundGovernance.request(current, event, teamOf(event), policy);
        switch (outcome.kind()) {
            case ACCEPTED -> {
                cases.put(key, outcome.refund());
                deadlines.schedule(key, outcome.refund().deadline().toEpochMilli());
            }
            case AFTER_DECISION -> cases.put(key, outcome.refund());
            case REFUSED -> context.forward(record.withValue(new RefundOutput.Refused(new Rejection(
                    DeadLetterReason.INVALID_REFUND_EVENT, outcome.detail(), EVENT_JSON.serializer().serialize(null, event)))));
            case REDELIVERED -> {
                // the same request again changes nothing
            }
        }
    }

    private void decide(Record<String, TicketEvent> record, TicketEvent event, RefundCase current, String key,
                        GovernancePolicy policy) {
        DecisionOutcome outcome = RefundGovernance.decide(current, event, teamOf(event), policy);
        if (outcome.redelivered()) {
            return;
        }
        if (current != null && current.deadline() != null) {
            deadlines.cancel(key, current.deadline().toEpochMilli());
        }
        cases.put(key, outcome.refund());
        if (outcome.firstDecision() && outcome.cycleTime() != null) {
            metrics.cycle(outcome.band(), outcome.cycleTime());
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (current != null && current.overdueAlerted() && !current.isDecided() && outcome.refund().isDecided()) {
            // the overdue approval's condition ends with the decision
            emitAlert(GovernanceAlerts.overdue(current, now).resolved("decided", now,
                    "Refund " + event.refundId() + " was decided"), record.timestamp());
        }
        for (RuleBreach breach : outcome.breaches()) {
            Alert alert = GovernanceAlerts.violation(outcome.refund(), breach, event, outcome.band(),
                    outcome.requiredRole(), outcome.cycleTime(), policy, now);
            metrics.violation(breach.rule().wire());
            emitAlert(alert, record.timestamp());
            // a violation is a record of a decision already taken: nothing later remedies it, so it is a one-off
            emitAlert(alert.resolved("one_off", now, alert.message()), record.timestamp());
        }
        context.forward(new Record<>(event.refundId(), new RefundOutput.Approved(outcome.record()), record.timestamp()));
        LeakageEntry leakage = outcome.leakage();
        if (leakage != null) {
            String codeTag = policy.code(leakage.exceptionCode()).isPresent()
                    || LeakageEntry.NO_CODE.equals(leakage.exceptionCode()) ? leakage.exceptionCode() : "unknown";
            metrics.leakage(codeTag, leakage.currency(), leakage.team(), leakage.amount());
            context.forward(new Record<>(event.refundId(), new RefundOutput.Leaked(leakage), record.timestamp()));
        }
    }

    /** One due approval deadline: the index is a hint, only a still-undecided refund whose stored deadline passed is overdue. */
    private void onDue(String id, long deadlineMs, long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        RefundCase c = cases.get(id);
        if (RefundGovernance.isOverdue(c, now)) {
            cases.put(id, RefundGovernance.markOverdue(c));
            emitAlert(GovernanceAlerts.overdue(c, now), nowMs);
        }
    }

    private void emitAlert(Alert alert, long timestamp) {
        if (alert.notifies()) {
            metrics.alert(alert);
        }
        context.forward(new Record<>(alert.partitionKey(), new RefundOutput.Raised(alert), timestamp));
    }

    private String teamOf(TicketEvent event) {
        long now = context.currentStreamTimeMs();
        long from = Math.max(0, Math.max(now, event.occurredAt().toEpochMilli()) - teamRetention.toMillis());
        try (WindowStoreIterator<String> hits = teams.backwardFetch(event.ticketId(), Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
            if (hits.hasNext()) {
                KeyValue<Long, String> latest = hits.next();
                return latest.value;
            }
        }
        return null;
    }
}
