package dev.slamonitor.processor.refund.topology;

import dev.slamonitor.processor.refund.domain.GovernancePolicy;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The governance policy in force for a processor: the validated policy under the configured id in
 * the global store, or the bundled default until one has been published. Read per record, so a
 * policy published at run time applies to the next record on every task.
 */
final class PolicyLookup {

    private final String policyId;
    private final GovernancePolicy fallback;
    private KeyValueStore<String, ValueAndTimestamp<GovernancePolicy>> store;

    PolicyLookup(String policyId, GovernancePolicy fallback) {
        this.policyId = policyId;
        this.fallback = fallback;
    }

    void init(ProcessorContext<?, ?> context) {
        this.store = context.getStateStore(RefundStores.ACTIVE_POLICY);
    }

    GovernancePolicy current() {
        ValueAndTimestamp<GovernancePolicy> stored = store.get(policyId);
        return stored == null || stored.value() == null ? fallback : stored.value();
    }
}
