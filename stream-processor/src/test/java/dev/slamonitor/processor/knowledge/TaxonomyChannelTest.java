package dev.slamonitor.processor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The taxonomy binding of the reference-document channel: one document under its fixed key,
 * versioned like the other documents, and never deleted by a tombstone.
 */
class TaxonomyChannelTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String TAG = "sso-misconfiguration";
    private final KnowledgeFixture kx = new KnowledgeFixture(T0);

    @AfterEach
    void close() {
        kx.close();
    }

    @Test
    void shouldRefuseAnOlderVersionATombstoneAndAnotherKeyAndKeepTheVersionInForce() {
        // given version 2 in force (threshold 2 for the tag)
        kx.publishTaxonomy(TaxonomyDocs.version(2, TAG, "identity-oncall", 2));

        // when an older version (threshold 9), a tombstone and a document under another key arrive
        kx.publishTaxonomy(TaxonomyDocs.version(1, TAG, "someone-else", 9));
        kx.taxonomy.pipeInput("root-cause-taxonomy", null, T0);
        kx.taxonomy.pipeInput("taxonomy", TaxonomyDocs.version(3, TAG, "x", 9).getBytes(StandardCharsets.UTF_8), T0);
        kx.resolvedTicket("T-1", TAG, T0);
        kx.resolvedTicket("T-2", TAG, T0.plusSeconds(60));

        // then all three are dead letters and version 2 still decides
        assertThat(kx.deadLetters(DeadLetterReason.INVALID_TAXONOMY)).map(KnowledgeFixture::detail).containsExactly(
                "taxonomy 'root-cause-taxonomy' version 1 is older than version 2 in force",
                "a tombstone cannot remove the taxonomy 'root-cause-taxonomy'; publish a new version instead",
                "record key 'taxonomy' differs from the taxonomy's key 'root-cause-taxonomy'; publish it under its own key");
        assertThat(kx.alerts(AlertType.DRIFT)).singleElement().satisfies(a -> {
            assertThat(a.owner()).isEqualTo("identity-oncall");
            assertThat(a.policyVersion()).isEqualTo(2);
        });
    }
}
