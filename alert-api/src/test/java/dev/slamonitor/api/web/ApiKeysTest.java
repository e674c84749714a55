package dev.slamonitor.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static AppConfig config(String keys) {
        return AppConfig.load(Map.of()).with("api.auth.keys", keys);
    }

    @Test
    void shouldAuthenticateAKeyByItsHashAndReturnItsRoles() {
        // given
        ApiKeys keys = ApiKeys.from(config(ApiKeys.entry("ops", "s3cret", Role.VIEWER, Role.RESPONDER)));
        // when / then
        assertThat(keys.authenticate("s3cret")).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("ops");
            assertThat(p.roles()).isEqualTo(Set.of(Role.VIEWER, Role.RESPONDER));
        });
        assertThat(keys.authenticate("other")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void shouldFailFastWithAClearMessageWhenNoKeyIsConfigured() {
        assertThatThrownBy(() -> ApiKeys.from(AppConfig.load(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("api.auth.keys").hasMessageContaining("SLAMON_API_AUTH_KEYS");
    }

    @Test
    void shouldRefuseMalformedEntriesAndUnknownRolesWithoutEchoingTheHash() {
        assertThatThrownBy(() -> ApiKeys.from(config("ops:nothex:viewer"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'ops' is malformed");
        String hash = ApiKeys.sha256Hex("k");
        assertThatThrownBy(() -> ApiKeys.from(config("ops:" + hash + ":admin"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("names 'admin'");
        assertThatThrownBy(() -> ApiKeys.from(config("a:" + hash + ":viewer,a:" + hash + ":viewer")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unique");
    }
}
