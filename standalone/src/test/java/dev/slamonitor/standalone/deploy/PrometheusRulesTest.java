package dev.slamonitor.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus configuration that compose mounts passes Prometheus's own checker: {@code promtool
 * check config} (which resolves the rule files), {@code check rules}, and the rule unit tests in
 * {@code dashboards/prometheus/tests}. Skips, saying so, where promtool is not installed (Debian's
 * {@code prometheus} package ships it; {@code .ci/run} installs it).
 */
class PrometheusRulesTest {

    private static Path promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = onPath("promtool").orElse(null);
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus): skipping the promtool checks");
    }

    @Test
    void shouldPassPromtoolCheckConfig() throws Exception {
        assertPasses("check", "config", RepoFiles.path("dashboards/prometheus/prometheus.yml").toString());
    }

    @Test
    void shouldPassPromtoolCheckRulesForEveryRuleFile() throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        RepoFiles.yaml("dashboards/prometheus/prometheus.yml").path("rule_files")
                .forEach(f -> args.add(RepoFiles.path("dashboards/prometheus/" + f.asText()).toString()));
        assertThat(args).hasSizeGreaterThan(3);
        assertPasses(args.toArray(String[]::new));
    }

    @Test
    void shouldPassTheRuleUnitTests() throws Exception {
        try (var tests = Files.list(RepoFiles.path("dashboards/prometheus/tests"))) {
            List<String> args = new ArrayList<>(List.of("test", "rules"));
            tests.filter(p -> p.toString().endsWith(".yml")).forEach(p -> args.add(p.toString()));
            assertThat(args).hasSizeGreaterThan(2);
            assertPasses(args.toArray(String[]::new));
        }
    }

    private static void assertPasses(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool %s%n%s", String.join(" ", args), output).isZero();
    }

    private static Optional<Path> onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
