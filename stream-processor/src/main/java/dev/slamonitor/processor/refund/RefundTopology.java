package dev.slamonitor.processor.refund;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.refund.domain.DayLedger;
import dev.slamonitor.processor.refund.domain.GovernancePolicy;
import dev.slamonitor.processor.refund.domain.LeakageEntry;
import dev.slamonitor.processor.refund.domain.RefundCase;
import dev.slamonitor.processor.store.CheckpointFileWindowStores;
import dev.slamonitor.processor.refund.domain.ReportingCurrency;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.processor.kernel.OutputRoutes;
import dev.slamonitor.processor.kernel.TimerPunctuation;
import dev.slamonitor.topic.Topics;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Refund and exception governance (docs/adr/0005-refund-governance.md):
 * <ol>
 *   <li>policy: the governance topic is a reference-document channel ({@link GovernanceChannel}): valid
 *       documents reach a global store so every task sees a change at once; invalid ones are
 *       dead-lettered and never applied;</li>
 *   <li>refunds: {@link RefundProcessor} follows each refund over the valid ticket events and emits
 *       violations and overdue alerts, approval records and approved amounts;</li>
 *   <li>leakage: approved amounts are repartitioned onto one ledger partition ({@link LeakageProcessor})
 *       that publishes month and rolling views and code remediation alerts.</li>
 * </ol>
 */
public final class RefundTopology {

    /** Key of every record on the ledger repartition topic: the ledger is one partition by design. */
    static final String LEDGER_KEY = "ledger";

    private RefundTopology() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, TicketEvent> events, TopologyEnv env) {
        Topics topics = env.topics();
        GovernancePolicy fallback = GovernanceChannel.bundled().document();
        String policyId = env.config().string("refund.policy.id");
        RefundMetrics metrics = new RefundMetrics(env.metrics(), env.alerts(), reportingCurrency(env));

        GovernanceChannel.addTo(builder, env);
        addStores(builder, env.config().duration("refund.ticket.team.retention"));

        Duration interval = env.config().duration("refund.punctuation.interval");
        int budget = env.config().integer("refund.timer.budget", 1, 1_000_000);
        Duration teamRetention = env.config().duration("refund.ticket.team.retention");
        KStream<String, RefundOutput> outputs = events
                .filter((k, e) -> e.isRefundEvent() || e.type() == EventType.TICKET_OPENED, Named.as("refund-select-events"))
                .process(() -> new RefundProcessor(GovernanceChannel.CHANNEL.inForce(policyId, fallback), metrics,
                        new TimerPunctuation(RefundMetrics.FEATURE, interval, new TimerPunctuation.Budget(budget, 50), env.metrics()),
                        teamRetention), Named.as("refund-follow-refund"),
                        RefundStores.CASES, RefundStores.DEADLINES, RefundStores.TICKET_TEAMS);

        ZoneId zone = zone(env);
        OutputRoutes.of(outputs, RefundOutput.class, "refund")
                .toTopic(RefundOutput.Raised.class, "alert", topics.alerts(), RefundOutput.Raised::alert)
                .toTopic(RefundOutput.Approved.class, "approval", topics.refundApprovals(), RefundOutput.Approved::approval)
                .toStream(RefundOutput.Leaked.class, "leakage", leaked -> addLedger(leaked, policyId, fallback, zone, metrics, topics))
                .toDeadLetters(RefundOutput.Refused.class, "rejection", env.deadLetters(), RefundOutput.Refused::rejection, "refund")
                .end();
    }

    /** The leakage ledger: approved amounts re-keyed onto its one partition (the re-key also unwraps them). */
    private static void addLedger(KStream<String, RefundOutput.Leaked> leaked, String policyId, GovernancePolicy fallback,
                                  ZoneId zone, RefundMetrics metrics, Topics topics) {
        KStream<String, LeakageOutput> ledger = leaked
                .map((k, o) -> KeyValue.pair(LEDGER_KEY, o.leakage()), Named.as("refund-leakage-key"))
                .repartition(Repartitioned.<String, LeakageEntry>as("refund-leakage-ledger")
                        .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(LeakageEntry.class))
                        .withNumberOfPartitions(1))
                .process(() -> new LeakageProcessor(GovernanceChannel.CHANNEL.inForce(policyId, fallback), zone, metrics),
                        Named.as("refund-count-leakage"), RefundStores.LEAKAGE_DAYS, RefundStores.CODE_DRIFT);
        OutputRoutes.of(ledger, LeakageOutput.class, "refund-ledger")
                .toTopic(LeakageOutput.View.class, "leakage", topics.refundLeakage(), LeakageOutput.View::view)
                .toTopic(LeakageOutput.Drift.class, "drift", topics.alerts(), LeakageOutput.Drift::alert)
                .end();
    }

    private static void addStores(StreamsBuilder builder, Duration teamRetention) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RefundStores.CASES),
                Serdes.String(), JsonSerde.of(RefundCase.class)));
        builder.addStateStore(DeadlineIndex.storeBuilder(RefundStores.DEADLINES));
        builder.addStateStore(Stores.windowStoreBuilder(CheckpointFileWindowStores.persistent(RefundStores.TICKET_TEAMS,
                teamRetention, Duration.ofMillis(1), false), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RefundStores.LEAKAGE_DAYS),
                Serdes.String(), JsonSerde.of(DayLedger.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RefundStores.CODE_DRIFT),
                Serdes.String(), Serdes.String()));
    }

    /** The leakage reporting currency and its conversion table, from refund.reporting.* settings. */
    static ReportingCurrency reportingCurrency(TopologyEnv env) {
        String until = env.config().string("refund.reporting.rates.valid.until");
        LocalDate validUntil;
        try {
            validUntil = LocalDate.parse(until);
        } catch (DateTimeException e) {
            env.config().problem(env.config().invalid("refund.reporting.rates.valid.until", "a date yyyy-MM-dd"));
            validUntil = LocalDate.MAX;
        }
        try {
            return ReportingCurrency.parse(env.config().string("refund.reporting.currency"),
                    env.config().optional("refund.reporting.rates").orElse(""), validUntil);
        } catch (IllegalArgumentException e) {
            env.config().problem(env.config().invalid("refund.reporting.currency",
                    "a three-letter currency code, with refund.reporting.rates as CODE=rate,CODE=rate (" + e.getMessage() + ")"));
            return new ReportingCurrency("XXX", java.util.Map.of(), validUntil);
        }
    }

    private static ZoneId zone(TopologyEnv env) {
        String value = env.config().string("refund.leakage.zone");
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw env.config().invalid("refund.leakage.zone", "a time-zone id such as UTC or Europe/Berlin");
        }
    }
}
