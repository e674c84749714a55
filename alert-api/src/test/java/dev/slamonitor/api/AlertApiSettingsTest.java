package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The API's HTTP, rate-limit and health settings are refused before anything connects to Kafka. */
class AlertApiSettingsTest {

    private static AppConfig config(String key, String value) {
        Map<String, String> settings = new HashMap<>(Map.of(
                // nothing listens here: a start that got as far as Kafka would hang, not fail fast
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "api.auth.keys", ApiKeys.entry("ops", "viewer-key-0123456789", Role.VIEWER)));
        settings.put(key, value);
        return AppConfig.load(Map.of()).with(settings);
    }

    @Test
    @Timeout(10)
    void shouldRefuseBadHardeningSettingsBeforeConnecting() {
        Map<String, String> bad = Map.of(
                "api.http.idle.timeout", "5s",
                "api.http.max.connections", "10",
                "api.http.header.timeout", "0s",
                "api.rate.limit.key.per.second", "-1",
                "api.rate.limit.address.burst", "0",
                "api.health.check.interval", "0s",
                "api.http.max.header.bytes", "12");
        bad.forEach((key, value) -> assertThatThrownBy(() -> AlertApiApp.start(config(key, value)))
                .as(key).isInstanceOf(ConfigException.class).hasMessageContaining(key));
    }
}
