package dev.slamonitor.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.processor.metrics.domain.BusinessTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessTargetTest {

    @Test
    void shouldParseNumbersAndDurationsWithDirection() {
        // given / when / then
        assertThat(BusinessTarget.parse("escalation.rate", "<= 0.15"))
                .contains(new BusinessTarget("escalation_rate", BusinessTarget.Better.LOWER, 0.15));
        assertThat(BusinessTarget.parse("csat.escalated", ">=4")).get().extracting(BusinessTarget::better)
                .isEqualTo(BusinessTarget.Better.HIGHER);
        assertThat(BusinessTarget.parse("time.to.escalate", "<= 30m").get().value()).isEqualTo(1800.0);
        assertThat(BusinessTarget.parse("breach.lateness.p99", "<= 250ms").get().value()).isEqualTo(0.25);
        assertThat(BusinessTarget.parse("x", "<= PT1H").get().value()).isEqualTo(3600.0);
        assertThat(BusinessTarget.parse("x", "0.15")).isEmpty();
        assertThat(BusinessTarget.parse("x", "<= soon")).isEmpty();
    }

    @Test
    void shouldJudgeOnTargetByDirection() {
        // given
        BusinessTarget lower = new BusinessTarget("escalation_rate", BusinessTarget.Better.LOWER, 0.15);
        BusinessTarget higher = new BusinessTarget("l2_resolution_rate", BusinessTarget.Better.HIGHER, 0.8);

        // when / then
        assertThat(lower.onTarget(0.15)).isTrue();
        assertThat(lower.onTarget(0.2)).isFalse();
        assertThat(higher.onTarget(0.79)).isFalse();
        assertThat(higher.onTarget(0.9)).isTrue();
    }

    @Test
    void shouldPublishEveryConfiguredTargetAsGaugeWithDirection() {
        // given
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // when
        BusinessTargets.register(AppConfig.load(Map.of()), registry);

        // then
        assertThat(registry.get("slamon.target").tag("metric", "escalation_rate").tag("better", "lower").gauge().value())
                .isEqualTo(0.15);
        assertThat(registry.get("slamon.target").tag("metric", "l2_resolution_rate").tag("better", "higher").gauge().value())
                .isEqualTo(0.8);
        assertThat(registry.get("slamon.target").tag("metric", "time_to_escalate").gauge().value()).isEqualTo(1800.0);
        assertThat(registry.find("slamon.target").gauges()).hasSize(9);
    }

    @Test
    void shouldRefuseMalformedTargetNamingTheKey() {
        // given
        AppConfig config = AppConfig.load(Map.of("SLAMON_TARGET_ESCALATION_RATE", "0.15"));

        // when / then
        assertThatThrownBy(() -> BusinessTargets.from(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("target.escalation.rate").hasMessageContaining("'<= value'");
    }
}
