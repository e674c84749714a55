package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Policies as data. A topic cannot be both a global-store source and a stream source in one
 * topology, so validation and the catalog are split over two topics:
 * <pre>
 *   sla-policies (raw, anyone publishes) -> sla-policy-validate -> sla-policies-valid -> global store sla-policy-catalog
 *                                                              \-> dead-letters (INVALID_POLICY)
 * </pre>
 * Only complete, newer versions reach the valid topic, so the global catalog (read by every task)
 * never holds a half-valid policy, and the last valid version of an id stays in force when a bad
 * one is published.
 */
final class PolicyTopology {

    private PolicyTopology() {
    }

    static void addTo(StreamsBuilder builder, TopologyEnv env) {
        Topics topics = env.topics();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SlaStores.POLICY_VERSIONS),
                Serdes.String(), Serdes.String()));
        var verdicts = builder.stream(topics.policies().name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("sla-policy-source"))
                .processValues(PolicyValidator::new, Named.as("sla-policy-validate"), SlaStores.POLICY_VERSIONS)
                .split(Named.as("sla-policy-"))
                .branch((id, v) -> v.isRejected(), Branched.as("invalid"))
                .defaultBranch(Branched.as("valid"));
        env.deadLetters().route(verdicts.get("sla-policy-invalid")
                .mapValues(Verdict::rejection, Named.as("sla-policy-rejection-unwrap")), "sla-policy");
        verdicts.get("sla-policy-valid")
                .mapValues(Verdict::accepted, Named.as("sla-policy-valid-unwrap"))
                .to(topics.policiesValid().name(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("sla-policy-valid-sink"));

        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SlaStores.POLICY_CATALOG),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                topics.policiesValid().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("sla-policy-catalog-source"),
                PolicyCatalogUpdater::new);
    }
}
