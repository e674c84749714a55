package dev.slamonitor.processor.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.kernel.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaxonomyReaderTest {

    private final TaxonomyReader reader = new TaxonomyReader(Duration.ofDays(30));

    @Test
    void shouldNormalizeWindowLabelsAndFallBackToDefaultThresholds() {
        // given windows and thresholds spelled in ISO-8601
        Result<Taxonomy> result = reader.read(json("""
                {"version": 4, "windows": ["P7D", "720h"], "defaultThresholds": {"P7D": 5, "30d": 15},
                 "unknownOwner": "kb", "unknownPlaybook": "https://p", "policy": {"repeatMinimum": 2,
                 "remediationDue": "14d", "rcaDue": "PT48H", "maxTierMoves": 3, "exampleTickets": 5},
                 "tags": [{"tag": "sso", "owner": "id", "playbook": "https://p", "thresholds": {"7d": 2}}]}
                """));
        // then the taxonomy uses canonical labels, tag thresholds override defaults
        assertThat(result.detail()).isEmpty();
        Taxonomy tx = result.value();
        assertThat(tx.windows()).containsExactly("7d", "30d");
        assertThat(tx.thresholdOf("sso", "7d")).isEqualTo(2);
        assertThat(tx.thresholdOf("sso", "30d")).isEqualTo(15);
        assertThat(tx.bucketOf("other")).isEqualTo("unknown");
        assertThat(tx.ownerOf("unknown")).isEqualTo("kb");
        assertThat(tx.policy().rcaDueDuration()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void shouldListEveryViolationAndReturnNoTaxonomy() {
        Result<Taxonomy> result = reader.read(json("""
                {"version": 0, "windows": ["7d", "90d"], "defaultThresholds": {"7d": 5},
                 "unknownOwner": "", "unknownPlaybook": "https://p", "policy": {"repeatMinimum": 1,
                 "remediationDue": "soon", "rcaDue": "48h", "maxTierMoves": 0, "exampleTickets": 5},
                 "tags": [{"tag": "unknown", "owner": "a", "playbook": "p"}, {"tag": "Bad Tag", "owner": "a", "playbook": "p"},
                          {"tag": "x", "owner": "a", "playbook": "p", "thresholds": {"1d": 2}}]}
                """));
        assertThat(result.isOk()).isFalse();
        assertThat(result.detail().split("; ")).containsExactlyInAnyOrder(
                "version: must have a minimum value of 1",
                "windows: 90d is longer than knowledge.window.max=30d",
                "unknownOwner: does not match the regex pattern \\S",
                "policy.repeatMinimum: must have a minimum value of 2",
                "policy.remediationDue: 'soon' is not a positive duration",
                "policy.maxTierMoves: must have a minimum value of 1",
                "tags[0].tag: 'unknown' is reserved for root causes outside the taxonomy",
                "tags[1].tag: does not match the regex pattern ^[a-z0-9][a-z0-9._-]*$",
                "tags[2].thresholds: '1d' is not one of the windows [7d]");
    }

    @Test
    void shouldRefuseUnknownFieldsAndTombstones() {
        assertThat(reader.read(json("{\"version\": 1, \"surprise\": true}")).detail())
                .startsWith("surprise: property 'surprise' is not defined");
        assertThat(reader.read(null).detail()).contains("tombstone");
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
