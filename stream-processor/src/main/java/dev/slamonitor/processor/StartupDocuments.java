package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.knowledge.TaxonomyChannel;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.processor.refund.GovernanceChannel;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference documents the processor publishes before its topology starts: the default refund
 * governance policy (if absent), the bundled SLA policy ({@code sla.policy.publish.default}) and the
 * policies named by {@code sla.policy.publish.resources} (each if newer), and the root-cause taxonomy
 * (if its topic is empty). Each channel decides its own seeding rule; this only says which run.
 */
final class StartupDocuments {

    private StartupDocuments() {
    }

    static void publish(AppConfig config, Topics topics) {
        GovernanceChannel.publishDefaultIfAbsent(config, topics);
        if (config.bool("sla.policy.publish.default")) {
            SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(config), topics.policies().name(),
                    BundledDocument.bytes(SlaPolicyChannel.class, SlaPolicyChannel.DEFAULT_POLICY));
        }
        for (byte[] policy : extraPolicies(config)) {
            SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(config), topics.policies().name(), policy);
        }
        TaxonomyChannel.seedIfEmpty(config, topics);
    }

    /** The policies named by {@code sla.policy.publish.resources} (class-path resources), read at start. */
    static List<byte[]> extraPolicies(AppConfig config) {
        List<byte[]> policies = new ArrayList<>();
        for (String resource : config.optional("sla.policy.publish.resources").orElse("").split(",")) {
            if (resource.isBlank()) {
                continue;
            }
            try {
                policies.add(BundledDocument.bytes(StreamProcessorApp.class, resource.trim()));
            } catch (RuntimeException e) {
                config.problem(config.invalid("sla.policy.publish.resources",
                        "comma-separated class-path resources of SLA policies (" + resource.trim() + " is missing)",
                        "/policies/demo-fast-policy.json"));
            }
        }
        return policies;
    }
}
