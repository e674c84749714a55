package dev.slamonitor.processor.refund;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.processor.refdata.DocumentInForce;
import dev.slamonitor.processor.refund.domain.DayLedger;
import dev.slamonitor.processor.refund.domain.GovernanceAlerts;
import dev.slamonitor.processor.refund.domain.GovernancePolicy;
import dev.slamonitor.processor.refund.domain.LeakageEntry;
import dev.slamonitor.processor.refund.domain.LeakageLedger;
import dev.slamonitor.refund.LeakageView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The leakage ledger. Every approved refund arrives here on one partition (the ledger is global:
 * medians of peers and code counts need every approval), is added to its calendar day, and the
 * views of its month and of the rolling 30 days are re-published. A code whose approvals over the
 * policy's window reach its repeat threshold raises a DRIFT alert to the code's owner.
 *
 * <p>Runs on event time: days and months come from the approval time in the configured zone, the
 * rolling window ends on the newest approval day seen (stream time). Day keys are ISO dates, which
 * sort in date order, so a month or window is one range scan. Days older than the retention are
 * deleted once per new day.
 */
final class LeakageProcessor implements Processor<String, LeakageEntry, String, LeakageOutput> {

    /** Days kept: a year and a bit, so a late approval can still refresh last year's month. */
    static final int RETENTION_DAYS = 400;

    private final DocumentInForce<GovernancePolicy> policies;
    private final ZoneId zone;
    private final RefundMetrics metrics;
    private ProcessorContext<String, LeakageOutput> context;
    private KeyValueStore<String, DayLedger> days;
    private KeyValueStore<String, String> drift;
    private LocalDate lastPurge;

    LeakageProcessor(DocumentInForce<GovernancePolicy> policies, ZoneId zone, RefundMetrics metrics) {
        this.policies = policies;
        this.zone = zone;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, LeakageOutput> context) {
        this.context = context;
        this.days = context.getStateStore(RefundStores.LEAKAGE_DAYS);
        this.drift = context.getStateStore(RefundStores.CODE_DRIFT);
        policies.init(context);
    }

    @Override
    public void process(Record<String, LeakageEntry> record) {
        LeakageEntry entry = record.value();
        GovernancePolicy policy = policies.current();
        LocalDate day = LocalDate.ofInstant(entry.approvedAt(), zone);
        DayLedger ledger = Optional.ofNullable(days.get(day.toString())).orElse(DayLedger.empty(day.toString()));
        days.put(day.toString(), ledger.add(entry));

        LocalDate newest = LocalDate.ofInstant(Instant.ofEpochMilli(Math.max(context.currentStreamTimeMs(),
                record.timestamp())), zone);
        Instant updatedAt = entry.approvedAt();
        YearMonth month = YearMonth.from(day);
        publish(record, LeakageLedger.view(month.toString(), month.atDay(1), month.atEndOfMonth(), zone.getId(),
                range(month.atDay(1), month.atEndOfMonth()), policy.leakage(), updatedAt));
        LocalDate rollingFrom = newest.minusDays(LeakageLedger.ROLLING_DAYS - 1L);
        publish(record, LeakageLedger.view(LeakageView.ROLLING_30_DAYS, rollingFrom, newest, zone.getId(),
                range(rollingFrom, newest), policy.leakage(), updatedAt));
        checkDrift(record, entry, day, policy);
        purge(newest);
    }

    private void checkDrift(Record<String, LeakageEntry> record, LeakageEntry entry, LocalDate day, GovernancePolicy policy) {
        Optional<GovernancePolicy.ExceptionCode> code = policy.code(entry.exceptionCode());
        if (code.isEmpty()) {
            return; // missing and unknown codes are violations at decision time; they have no owner to route to
        }
        int windowDays = (int) policy.leakage().codeWindow().toDays();
        long count = LeakageLedger.codeCount(range(day.minusDays(windowDays - 1L), day), code.get().code());
        String last = drift.get(code.get().code());
        if (LeakageLedger.shouldRaiseDrift(count, code.get().repeatThreshold(), last == null ? null : LocalDate.parse(last),
                day, windowDays)) {
            drift.put(code.get().code(), day.toString());
            Alert alert = GovernanceAlerts.codeDrift(code.get(), count, policy.leakage().codeWindow(), entry, policy,
                    Instant.ofEpochMilli(context.currentSystemTimeMs()));
            metrics.alert(alert);
            context.forward(new Record<>(alert.partitionKey(), new LeakageOutput.Drift(alert), record.timestamp()));
            // a count crossing of approvals already made: a one-off record (the code's owner acts on it)
            Alert ended = alert.resolved("one_off", alert.firedAt(), alert.message());
            context.forward(new Record<>(ended.partitionKey(), new LeakageOutput.Drift(ended), record.timestamp()));
        }
    }

    private void publish(Record<String, LeakageEntry> record, LeakageView view) {
        context.forward(new Record<>(view.period(), new LeakageOutput.View(view), record.timestamp()));
    }

    private List<DayLedger> range(LocalDate from, LocalDate to) {
        List<DayLedger> out = new ArrayList<>();
        try (KeyValueIterator<String, DayLedger> it = days.range(from.toString(), to.toString())) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    private void purge(LocalDate newest) {
        if (newest.equals(lastPurge)) {
            return;
        }
        lastPurge = newest;
        String cutoff = newest.minusDays(RETENTION_DAYS).toString();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, DayLedger> it = days.range("0000-01-01", cutoff)) {
            while (it.hasNext()) {
                KeyValue<String, DayLedger> kv = it.next();
                if (kv.key.compareTo(cutoff) < 0) {
                    old.add(kv.key);
                }
            }
        }
        old.forEach(days::delete);
    }
}
