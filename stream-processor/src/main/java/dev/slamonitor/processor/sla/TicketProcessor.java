package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.kernel.AlertMeters;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.InputWatermark;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The SLA feature's processor: keeps one ticket's state per key and runs its SLA clocks on the
 * ticket's partition. It only wires and routes; each job has its own class:
 * <ul>
 *   <li>{@link EventStep}: de-duplication and application of a ticket event;</li>
 *   <li>{@link AckStep}: acknowledgements of alerts (same key, same partition);</li>
 *   <li>{@link TimerStep}: due timers, held until the input is applied (docs/adr/0008-timers-wait-for-input.md);</li>
 *   <li>{@link RetentionStep}: forgetting finished tickets when their retention ends;</li>
 *   <li>{@link PolicySweep}: re-evaluating the task's tickets after a policy change;</li>
 *   <li>{@link TicketStateStore}: the ticket values and their single timer each;</li>
 *   <li>{@link TicketOutputs}: alerts, snapshots, tombstones and rejections.</li>
 * </ul>
 *
 * <p>Timers: a WALL_CLOCK_TIME punctuation ({@link TimerPunctuation}: wall clock because a ticket that
 * receives no further event must still breach on time; stream time would only advance with new
 * records) refreshes the policy catalog, fires the due entries of the {@link DeadlineIndex} (breaches
 * and escalations first), runs a sweep batch and then publishes the snapshots of the tickets it
 * changed, once per ticket. "Now" is the punctuation timestamp; the engine fires whatever the stored
 * deadlines say is due, so late punctuations and restarts delay alerts but never lose or repeat them.
 * Timer state, ticket state and outputs commit together under exactly-once.
 */
final class TicketProcessor implements Processor<String, TicketInput, String, TicketOutput>, TimerPunctuation.Timers {

    private final SlaSettings settings;
    private final SlaPolicy fallbackPolicy;
    private final InputWatermark inputWatermark;
    private final SlaMeters meters;
    private final TimerPunctuation punctuation;
    private ProcessorContext<String, TicketOutput> context;
    private PolicyCatalogView policies;
    private TicketOutputs outputs;
    private EventStep events;
    private AckStep acks;
    private TimerStep timers;
    private PolicySweep sweep;

    TicketProcessor(SlaSettings settings, SlaPolicy fallbackPolicy, MeterRegistry registry, AlertMeters alertMeters,
                    InputWatermark inputWatermark) {
        this.settings = settings;
        this.fallbackPolicy = fallbackPolicy;
        this.inputWatermark = inputWatermark;
        this.meters = new SlaMeters(registry, alertMeters);
        this.punctuation = new TimerPunctuation(SlaMeters.FEATURE, settings.punctuationInterval(),
                new TimerPunctuation.Budget(settings.maxTimers(), settings.maxMillis(), settings.idleMaxMillis()), registry);
    }

    @Override
    public void init(ProcessorContext<String, TicketOutput> context) {
        this.context = context;
        DeadlineIndex deadlines = new DeadlineIndex(context.getStateStore(SlaStores.DEADLINES));
        TicketStateStore store = new TicketStateStore(context.getStateStore(SlaStores.TICKETS), deadlines);
        this.policies = PolicyCatalogView.of(context, fallbackPolicy);
        this.outputs = new TicketOutputs(context, meters, settings.lateAfter());
        this.events = new EventStep(settings, store, policies, outputs);
        this.acks = new AckStep(settings, store, policies, outputs);
        this.timers = new TimerStep(settings, inputWatermark, store, policies, outputs,
                new RetentionStep(settings, store, outputs), meters, context.currentSystemTimeMs());
        this.sweep = new PolicySweep(settings, context.getStateStore(SlaStores.POLICY_SWEEP), store, policies, outputs);
        sweep.startIfPoliciesChanged();
        punctuation.start(context, deadlines, this);
    }

    @Override
    public void process(Record<String, TicketInput> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (record.value().ack() != null) {
            acks.apply(record.key(), record.value(), record.timestamp(), now);
        } else {
            events.apply(record.key(), record.value().event(), record.timestamp(), now, context.currentStreamTimeMs());
        }
    }

    /** Each punctuation first sees a changed policy catalog (and starts a sweep if it changed). */
    @Override
    public void before(long nowMs) {
        outputs.batchSnapshots();
        if (policies.refresh()) {
            sweep.startIfPoliciesChanged();
        }
    }

    @Override
    public long fireUpTo(long nowMs) {
        return timers.fireUpTo(nowMs);
    }

    @Override
    public void onDue(String ticketId, long deadlineMs, long nowMs) {
        timers.onDue(ticketId, deadlineMs, nowMs);
    }

    /** The policy sweep runs after the due timers, with the same bound; then the kept-back snapshots go out. */
    @Override
    public void after(long nowMs) {
        sweep.step(timers.until(), Instant.ofEpochMilli(nowMs), nowMs);
        outputs.flush();
    }
}
