package dev.slamonitor.processor.metrics;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import dev.slamonitor.processor.metrics.domain.TicketFacts;
import dev.slamonitor.processor.metrics.domain.TicketMetricsRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Terminal processor of the business metrics: applies {@link TicketMetricsRules} per ticket, stores
 * the ticket's {@link TicketFacts} and records the observations on {@link BusinessMeters}.
 *
 * <p>Facts are forgotten {@code retention} of wall-clock time after the ticket's last counted event,
 * through the shared {@link DeadlineIndex} (the index is a hint: a due entry is deleted only if the
 * stored facts say so). Wall-clock time, because a quiet partition must still let go of old tickets.
 * Meter increments are side effects outside the Kafka transaction: after a crash a replayed event
 * may be counted again (at-least-once counting), which dashboards over rates tolerate.
 */
final class BusinessMetricsProcessor implements Processor<String, TicketEvent, Void, Void> {

    static final String FEATURE = "metrics";
    private static final int EXPIRY_BUDGET = 1_000;
    private static final long EXPIRY_MAX_MILLIS = 50;

    private final BusinessMeters meters;
    private final Duration retention;
    private final TimerPunctuation timers;
    private KeyValueStore<String, ExpiringFacts> facts;
    private DeadlineIndex expiry;
    private ProcessorContext<Void, Void> context;

    BusinessMetricsProcessor(MeterRegistry registry, Duration retention, Duration expiryInterval) {
        this.meters = new BusinessMeters(registry);
        this.retention = retention;
        this.timers = new TimerPunctuation(FEATURE, expiryInterval, new TimerPunctuation.Budget(EXPIRY_BUDGET, EXPIRY_MAX_MILLIS),
                registry);
    }

    /** Stored value: the facts plus the wall-clock deadline at which they are forgotten. */
    record ExpiringFacts(TicketFacts facts, long expiresAtMs) {
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.facts = context.getStateStore(MetricsStores.TICKET_FACTS);
        KeyValueStore<Bytes, byte[]> expiryStore = context.getStateStore(MetricsStores.TICKET_EXPIRY);
        this.expiry = new DeadlineIndex(expiryStore);
        timers.start(context, expiry, this::expire);
    }

    @Override
    public void process(Record<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (!TicketMetricsRules.RELEVANT.contains(event.type())) {
            return;
        }
        ExpiringFacts stored = facts.get(record.key());
        TicketMetricsRules.Step step = TicketMetricsRules.apply(stored == null ? null : stored.facts(), event);
        if (!step.changed()) {
            return;
        }
        long expiresAt = context.currentSystemTimeMs() + retention.toMillis();
        facts.put(record.key(), new ExpiringFacts(step.facts(), expiresAt));
        if (stored == null) {
            expiry.schedule(record.key(), expiresAt);
        } else {
            expiry.reschedule(record.key(), stored.expiresAtMs(), expiresAt);
        }
        step.observations().forEach(meters::record);
    }

    /** One due expiry entry: forgotten only if the stored facts still say they expired. */
    private void expire(String ticketId, long deadlineMs, long nowMs) {
        ExpiringFacts stored = facts.get(ticketId);
        if (stored != null && stored.expiresAtMs() <= nowMs) {
            facts.delete(ticketId);
        }
    }
}
