package dev.slamonitor.processor.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The refund governance binding of the reference-document channel: a tombstone cannot remove the policy. */
class GovernanceChannelTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final RefundFixture rf = new RefundFixture(T0);

    @AfterEach
    void close() {
        rf.close();
    }

    @Test
    void shouldRefuseATombstoneAndKeepThePolicyInForce() {
        // given version 2 in force
        rf.publishPolicy(RefundFixture.policy(doc -> doc.put("version", 2)));

        // when someone tries to delete it
        rf.publishPolicy(null);

        // then the tombstone is a dead letter and version 2 stays in the global store
        assertThat(rf.deadLetterDetails()).containsExactly("INVALID_GOVERNANCE_POLICY: a tombstone cannot remove the "
                + "governance policy 'default'; publish a new version instead");
        assertThat(rf.fx.driver.<String, byte[]>getKeyValueStore(RefundStores.POLICY_STORE).get("default")).isNotNull();
        assertThat(GovernanceChannel.CHANNEL.kind().globalStore()).isEqualTo(RefundStores.POLICY_STORE);
    }
}
