package dev.slamonitor.processor.refund.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.refund.GovernanceChannel;
import dev.slamonitor.processor.kernel.Result;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.processor.refund.RefundFixture;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GovernancePolicyReaderTest {

    private final GovernancePolicyReader reader = new GovernancePolicyReader();

    @Test
    void shouldShipAValidDefaultWithTheAgreedThresholdsInEveryMajorCurrency() {
        // when the bundled default is read
        GovernancePolicy policy = GovernanceChannel.bundled().document();

        // then agent <= 50, team_lead <= 500, manager above, in EUR, USD and GBP
        for (String currency : new String[] {"EUR", "USD", "GBP"}) {
            assertThat(policy.bandFor(currency, new BigDecimal("50")).orElseThrow().requiredRole()).isEqualTo("agent");
            assertThat(policy.bandFor(currency, new BigDecimal("50.01")).orElseThrow().requiredRole()).isEqualTo("team_lead");
            assertThat(policy.bandFor(currency, new BigDecimal("500")).orElseThrow().requiredRole()).isEqualTo("team_lead");
            assertThat(policy.bandFor(currency, new BigDecimal("500.01")).orElseThrow().requiredRole()).isEqualTo("manager");
        }
        assertThat(policy.exceptionCodes()).hasSizeBetween(10, 30)
                .allSatisfy(c -> assertThat(c.owner()).isNotBlank());
        assertThat(policy.rankOf("agent")).isLessThan(policy.rankOf("team_lead"));
        assertThat(policy.rankOf("team_lead")).isLessThan(policy.rankOf("manager"));
        assertThat(policy.rankOf("intern")).isEqualTo(-1);
        assertThat(policy.bandFor("CHF", BigDecimal.ONE)).isEmpty();
        assertThat(policy.leakage().codeWindow()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void shouldNameEveryProblemOfABrokenPolicy() {
        // given a policy with several independent mistakes
        byte[] doc = RefundFixture.policy(d -> {
            d.put("version", 0);
            ((ArrayNode) d.get("roles")).add("agent");
            ObjectNode eur = (ObjectNode) d.at("/currencies/EUR");
            ((ObjectNode) eur.at("/bands/2")).put("upTo", 9999);
            ((ObjectNode) eur.at("/bands/1")).put("approvalSla", "PT0S");
            ((ObjectNode) eur.at("/bands/1")).put("requiredRole", "agent");
            ((ObjectNode) eur.at("/bands/0")).put("requiredRole", "manager");
            ((ObjectNode) d.at("/exceptionCodes/1")).put("code", "GOODWILL").put("playbook", "wiki/goodwill");
            ((ObjectNode) d.at("/leakage")).put("outlierFactor", 1).put("codeWindow", "PT36H");
        });

        // when it is read
        Result<GovernancePolicy> outcome = reader.read(doc);

        // then it is refused with every problem, field by field
        assertThat(outcome.isOk()).isFalse();
        assertThat(outcome.detail().split("; ")).containsExactlyInAnyOrder(
                "version: must have a minimum value of 1",
                "roles[4]: duplicate role 'agent'",
                "currencies.EUR.bands[1].requiredRole: a larger amount cannot need less authority than the band before",
                "currencies.EUR.bands[1].approvalSla: a positive ISO-8601 duration such as PT4H",
                "currencies.EUR.bands[2].upTo: the last band must be unbounded (no upTo)",
                "exceptionCodes[1].code: duplicate code 'GOODWILL'",
                "exceptionCodes[1].playbook: an absolute http(s) link",
                "leakage.codeWindow: whole days (the ledger counts per day)",
                "leakage.outlierFactor: must have an exclusive minimum value of 1");
    }

    @Test
    void shouldRefuseUnknownFieldsSoThatATypoIsNotSilentlyIgnored() {
        // given a policy with a misspelt field
        byte[] doc = RefundFixture.policy(d -> d.put("minReviewTme", "PT1M"));

        // then it is refused, naming the field
        assertThat(reader.read(doc).detail()).contains("minReviewTme");
    }
}
