package dev.slamonitor.processor.refdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionStampTest {

    @Test
    void shouldRoundTripAndReadTheFormerGovernanceFormat() {
        VersionStamp stamp = VersionStamp.of(3, "{}".getBytes());

        assertThat(VersionStamp.parse(stamp.stored())).isEqualTo(stamp);
        assertThat(VersionStamp.parse("{\"version\":3,\"digest\":\"" + stamp.digest() + "\"}")).isEqualTo(stamp);
        assertThat(stamp.digest()).hasSize(64);
    }
}
