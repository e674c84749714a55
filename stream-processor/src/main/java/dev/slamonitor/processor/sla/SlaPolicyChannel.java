package dev.slamonitor.processor.sla;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.processor.refdata.DocumentChannel;
import dev.slamonitor.processor.refdata.DocumentKind;
import dev.slamonitor.processor.refdata.SeedingPolicy;
import dev.slamonitor.processor.refdata.TombstonePolicy;
import dev.slamonitor.processor.sla.domain.PolicyReader;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * SLA policies as reference data (docs/adr/0009-reference-document-channel.md): keyed by policy id,
 * versioned; a tombstone withdraws a policy; a bundled policy is published when the topic holds an
 * older one or none.
 */
public final class SlaPolicyChannel {

    public static final String DEFAULT_POLICY = "/policies/default-policy.json";
    /** policy id -> version and content hash in force, so a policy cannot be rolled back or silently changed. */
    public static final String VERSIONS_STORE = "sla-policy-versions";
    /** Global: policy id -> validated policy JSON (from the valid-policies topic). */
    public static final String CATALOG_STORE = "sla-policy-catalog";

    public static final DocumentChannel<SlaPolicy> CHANNEL = new DocumentChannel<>(
            DocumentKind.builder("sla-policy", "policy", DeadLetterReason.INVALID_POLICY, new PolicyReader()::read)
                    .key(SlaPolicy::id).version(SlaPolicy::version).tombstones(TombstonePolicy.WITHDRAW)
                    .stores(VERSIONS_STORE, CATALOG_STORE).build());

    private SlaPolicyChannel() {
    }

    public static void addTo(StreamsBuilder builder, TopologyEnv env) {
        CHANNEL.addTo(builder, env, env.topics().policies().name(), env.topics().policiesValid().name());
    }

    /** The bundled default policy; a build whose default does not validate must not start. */
    public static SlaPolicy defaultPolicy() {
        return BundledDocument.load(SlaPolicyChannel.class, DEFAULT_POLICY, CHANNEL.kind().reader()).document();
    }

    /** Publishes {@code policyJson} under its id unless the topic holds the same or a newer version. */
    public static boolean publishIfNewer(Map<String, Object> clientConfig, String topic, byte[] policyJson) {
        return CHANNEL.seed(clientConfig, topic, BundledDocument.of("policy", policyJson, CHANNEL.kind().reader()),
                SeedingPolicy.IF_NEWER);
    }
}
