package dev.slamonitor.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The harness's short profile in {@code mvn verify}: a 3-node KRaft cluster, two stream processors
 * (two, not three, so it passes on a 2-core CI box) and the alert API as separate JVMs, about 150 s
 * of seeded workload with one fault of each kind (processor kill -9, input burst, SIGSTOP past the
 * session timeout, broker kill -9). Nothing may be missing, duplicated or unexpected (beyond alerts
 * explained by input the cluster acknowledged only after they were due, {@link LateInput}). Override the
 * profile with {@code -Dharness.profile=long} (30 minutes, three processors).
 */
class FaultHarnessIT {

    @Test
    void shouldDeliverEveryExpectedAlertOnceAndNothingElseUnderFaults() throws Exception {
        // given the profile and a fixed seed (the same tickets, kinds and producers every run)
        Profile profile = Profile.named(System.getProperty("harness.profile", "short"));
        long seed = Long.getLong("harness.seed", 42L);

        // when the workload runs while the faults are injected
        HarnessReport report = FaultHarness.run(profile, seed);

        // then every expected alert arrived exactly once and nothing else did
        assertThat(report.missingBreaches()).as("missing breaches").isZero();
        assertThat(report.missing() - report.missingSuperseded()).as("missing alerts " + report.missingSamples()).isZero();
        assertThat(report.duplicateIds()).as("duplicates by alertId").isZero();
        assertThat(report.duplicateKeys()).as("duplicates by ticket+type+clock+deadline").isZero();
        assertThat(report.unexplained()).as("unexpected alerts no late input explains " + report.unexpectedSamples()).isZero();
    }
}
