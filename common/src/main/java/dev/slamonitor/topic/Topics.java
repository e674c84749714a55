package dev.slamonitor.topic;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.refund.ApprovalRecord;
import dev.slamonitor.refund.LeakageView;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.state.TicketSnapshot;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The immutable topic registry, built once from configuration. Inputs that may hold bad data
 * (events, policies, acks) are read as raw bytes so that parsing failures become dead letters
 * instead of deserialization exceptions. {@code policiesValid} holds only policies that passed
 * validation (the SLA engine's global policy table reads it; see docs/adr/0002-sla-engine.md).
 */
public record Topics(
        TopicSpec<String, byte[]> events,
        TopicSpec<String, byte[]> policies,
        TopicSpec<String, byte[]> acks,
        TopicSpec<String, Alert> alerts,
        TopicSpec<String, TicketSnapshot> state,
        TopicSpec<String, byte[]> deadLetters,
        TopicSpec<String, byte[]> policiesValid,
        // refund governance: policy as published, policy as validated (global store), audit trail, leakage view
        TopicSpec<String, byte[]> refundGovernance,
        TopicSpec<String, byte[]> refundGovernanceActive,
        TopicSpec<String, ApprovalRecord> refundApprovals,
        TopicSpec<String, LeakageView> refundLeakage,
        // knowledge loop: taxonomy input, validated taxonomy (global store source), outputs
        TopicSpec<String, byte[]> rootCauseTaxonomy,
        TopicSpec<String, byte[]> rootCauseTaxonomyActive,
        TopicSpec<String, RootCauseStats> rootCauseStats,
        TopicSpec<String, RemediationItem> remediationItems,
        TopicSpec<String, byte[]> remediationEvents) {

    public static Topics from(AppConfig config) {
        return new Topics(
                raw(config.string("topic.events"), false),
                raw(config.string("topic.policies"), true),
                raw(config.string("topic.acks"), false),
                new TopicSpec<>(config.string("topic.alerts"), Serdes.String(), JsonSerde.of(Alert.class), false),
                new TopicSpec<>(config.string("topic.state"), Serdes.String(), JsonSerde.of(TicketSnapshot.class), true),
                raw(config.string("topic.dead.letters"), false),
                raw(config.string("topic.policies.valid"), true),
                raw(config.string("topic.refund.governance"), true),
                raw(config.string("topic.refund.governance.active"), true),
                new TopicSpec<>(config.string("topic.refund.approvals"), Serdes.String(), JsonSerde.of(ApprovalRecord.class), true),
                new TopicSpec<>(config.string("topic.refund.leakage"), Serdes.String(), JsonSerde.of(LeakageView.class), true),
                raw(config.string("topic.root.cause.taxonomy"), true),
                raw(config.string("topic.root.cause.taxonomy.active"), true),
                new TopicSpec<>(config.string("topic.root.cause.stats"), Serdes.String(),
                        JsonSerde.of(RootCauseStats.class), true),
                new TopicSpec<>(config.string("topic.remediation.items"), Serdes.String(),
                        JsonSerde.of(RemediationItem.class), true),
                raw(config.string("topic.remediation.events"), false));
    }

    public List<TopicSpec<?, ?>> all() {
        return List.of(events, policies, acks, alerts, state, deadLetters, policiesValid,
                refundGovernance, refundGovernanceActive, refundApprovals, refundLeakage,
                rootCauseTaxonomy, rootCauseTaxonomyActive, rootCauseStats, remediationItems, remediationEvents);
    }

    private static TopicSpec<String, byte[]> raw(String name, boolean compacted) {
        return new TopicSpec<>(name, Serdes.String(), Serdes.ByteArray(), compacted);
    }
}
