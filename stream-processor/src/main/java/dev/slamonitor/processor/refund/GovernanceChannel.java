package dev.slamonitor.processor.refund;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.processor.refdata.DocumentChannel;
import dev.slamonitor.processor.refdata.DocumentKind;
import dev.slamonitor.processor.refdata.SeedingPolicy;
import dev.slamonitor.processor.refdata.TombstonePolicy;
import dev.slamonitor.processor.refund.domain.GovernancePolicy;
import dev.slamonitor.processor.refund.domain.GovernancePolicyReader;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refund governance policy as reference data (docs/adr/0009-reference-document-channel.md):
 * keyed by policyId, versioned; a tombstone is refused (the policy in force cannot be deleted, only
 * replaced); the bundled default is published when the topic holds nothing under its id.
 */
public final class GovernanceChannel {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceChannel.class);
    public static final String DEFAULT_POLICY = "/refund-governance-default.json";

    public static final DocumentChannel<GovernancePolicy> CHANNEL = new DocumentChannel<>(DocumentKind.builder(
                    "refund-governance", "governance policy", DeadLetterReason.INVALID_GOVERNANCE_POLICY,
                    new GovernancePolicyReader()::read)
            .key(GovernancePolicy::policyId).version(GovernancePolicy::version).tombstones(TombstonePolicy.REFUSE)
            .stores(RefundStores.POLICY_VERSIONS, RefundStores.POLICY_STORE).build());

    private GovernanceChannel() {
    }

    public static void addTo(StreamsBuilder builder, TopologyEnv env) {
        CHANNEL.addTo(builder, env, env.topics().refundGovernance().name(), env.topics().refundGovernanceActive().name());
    }

    public static BundledDocument<GovernancePolicy> bundled() {
        return BundledDocument.load(GovernanceChannel.class, DEFAULT_POLICY, CHANNEL.kind().reader());
    }

    /** @return true if the default was published ({@code refund.policy.publish.default}, {@code refund.policy.id}) */
    public static boolean publishDefaultIfAbsent(AppConfig config, Topics topics) {
        if (!config.bool("refund.policy.publish.default")) {
            return false;
        }
        String policyId = config.string("refund.policy.id");
        BundledDocument<GovernancePolicy> bundled = bundled();
        if (!bundled.document().policyId().equals(policyId)) {
            LOG.warn("refund.policy.id={} differs from the bundled policy's id '{}': not publishing the default; publish "
                    + "policy '{}' to {} yourself", policyId, bundled.document().policyId(), policyId, topics.refundGovernance().name());
            return false;
        }
        return CHANNEL.seed(KafkaClientConfig.common(config), topics.refundGovernance().name(), bundled, SeedingPolicy.IF_KEY_ABSENT);
    }
}
