package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.processor.ingest.Rejection;
import dev.slamonitor.processor.sla.domain.PolicyReader;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Validates policies from the policies topic before they can reach the global policy table. A
 * document is accepted only if it validates completely ({@link PolicyReader}), its id equals the
 * record key, and its version is newer than the one in force (or the same version with the same
 * content, which is a harmless re-publication). Everything else is refused as
 * {@code INVALID_POLICY} with a message naming each problem; the previous version stays in force.
 * A tombstone (null value) withdraws the policy and is passed on.
 */
final class PolicyValidator implements FixedKeyProcessor<String, byte[], Verdict<byte[]>> {

    private final PolicyReader reader = new PolicyReader();
    private FixedKeyProcessorContext<String, Verdict<byte[]>> context;
    private KeyValueStore<String, String> versions;

    @Override
    public void init(FixedKeyProcessorContext<String, Verdict<byte[]>> context) {
        this.context = context;
        this.versions = context.getStateStore(SlaStores.POLICY_VERSIONS);
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        String key = record.key();
        byte[] bytes = record.value();
        if (bytes == null) {
            if (key != null) {
                versions.delete(key);
            }
            context.forward(record.withValue(Verdict.accept(null)));
            return;
        }
        PolicyReader.Result result = reader.read(bytes);
        if (!result.isValid()) {
            context.forward(record.withValue(reject("policy " + key + " refused: " + result.message(), bytes)));
            return;
        }
        SlaPolicy policy = result.policy();
        if (!policy.id().equals(key)) {
            context.forward(record.withValue(reject("policy id '" + policy.id() + "' differs from the record key '" + key
                    + "'; the key must be the policy id", bytes)));
            return;
        }
        String hash = sha256(bytes);
        String inForce = versions.get(key);
        if (inForce != null) {
            int current = Integer.parseInt(inForce.substring(0, inForce.indexOf(':')));
            String currentHash = inForce.substring(inForce.indexOf(':') + 1);
            if (policy.version() < current) {
                context.forward(record.withValue(reject("policy " + key + " version " + policy.version()
                        + " is older than version " + current + " in force", bytes)));
                return;
            }
            if (policy.version() == current && !hash.equals(currentHash)) {
                context.forward(record.withValue(reject("policy " + key + " version " + current
                        + " is already in force with different content; publish changes under a new version", bytes)));
                return;
            }
        }
        versions.put(key, policy.version() + ":" + hash);
        context.forward(record.withValue(Verdict.accept(bytes)));
    }

    private static Verdict<byte[]> reject(String detail, byte[] bytes) {
        return Verdict.reject(new Rejection(DeadLetterReason.INVALID_POLICY, detail, bytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
