package dev.slamonitor.processor.refund.topology;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.ingest.Rejection;
import dev.slamonitor.processor.refund.domain.GovernancePolicy;
import dev.slamonitor.processor.refund.domain.GovernancePolicyReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gatekeeper of the governance topic: a published policy document passes to the validated-policy
 * topic (the global store's source) only if the whole document is valid, its key is its policyId and
 * its version does not go back; anything else becomes an INVALID_GOVERNANCE_POLICY dead letter and
 * the policy in force stays as it was. Re-publishing the same version with the same content is
 * harmless (it passes again); the same version with other content is refused, so a version number
 * always names one document.
 */
final class PolicyValidator implements FixedKeyProcessor<String, byte[], PolicyValidator.Checked> {

    /** Exactly one of accepted (the original bytes) or rejection is set. */
    record Checked(byte[] accepted, Rejection rejection) {
    }

    /** What the validator remembers per policy id. */
    record Seen(int version, String digest) {
    }

    private final GovernancePolicyReader reader = new GovernancePolicyReader();
    private FixedKeyProcessorContext<String, Checked> context;
    private KeyValueStore<String, Seen> seen;

    @Override
    public void init(FixedKeyProcessorContext<String, Checked> context) {
        this.context = context;
        this.seen = context.getStateStore(RefundStores.POLICY_VERSIONS);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        if (record.value() == null) {
            refuse(record, "a tombstone cannot remove the governance policy '" + record.key()
                    + "'; publish a new version instead");
            return;
        }
        GovernancePolicyReader.Outcome outcome = reader.read(record.value());
        if (!outcome.isValid()) {
            refuse(record, outcome.detail());
            return;
        }
        GovernancePolicy policy = outcome.policy();
        if (!policy.policyId().equals(record.key())) {
            refuse(record, "record key '" + record.key() + "' differs from policyId '" + policy.policyId() + "'");
            return;
        }
        String digest = digest(record.value());
        Seen previous = seen.get(record.key());
        if (previous != null && policy.version() < previous.version()) {
            refuse(record, "version " + policy.version() + " is older than version " + previous.version() + " in force");
            return;
        }
        if (previous != null && policy.version() == previous.version() && !previous.digest().equals(digest)) {
            refuse(record, "version " + policy.version() + " is already in force with other content; raise the version");
            return;
        }
        seen.put(record.key(), new Seen(policy.version(), digest));
        context.forward(record.withValue(new Checked(record.value(), null)));
    }

    private void refuse(FixedKeyRecord<String, byte[]> record, String detail) {
        context.forward(record.withValue(new Checked(null,
                new Rejection(DeadLetterReason.INVALID_GOVERNANCE_POLICY, detail, record.value()))));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
