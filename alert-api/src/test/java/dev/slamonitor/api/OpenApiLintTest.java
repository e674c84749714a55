package dev.slamonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lints the served OpenAPI document with a real linter, Redocly CLI at a pinned version (its
 * recommended rules): no errors, and no warning but the missing license (the project has not chosen
 * one). The CLI is installed with npm into {@code ~/.cache/slamon-tools/redocly-<version>} when absent
 * (CI has npm and the npm registry); the test is skipped only when node or npm is not installed.
 */
class OpenApiLintTest {

    private static final String REDOCLY_VERSION = "2.77.0";
    private static final List<String> ACCEPTED_WARNINGS = List.of("info-license");

    @Test
    void shouldPassRedoclyLintWithoutErrors() throws Exception {
        // given node and npm on the PATH, and the pinned CLI installed
        assumeTrue(onPath("node") && onPath("npm"), "node or npm is not installed: OpenAPI lint skipped"
                + " (install Node.js 20.19+ with npm to run it)");
        Path redocly = installRedocly();
        Path document = Path.of("src/main/resources/openapi.yaml").toAbsolutePath();
        // when the document is linted
        Result lint = run(List.of(redocly.toString(), "lint", "--format=json", document.toString()), 120);
        // then it has no errors and only accepted warnings
        int start = lint.stdout().indexOf('{');
        assertThat(start).as("redocly output: %s %s", lint.stdout(), lint.stderr()).isGreaterThanOrEqualTo(0);
        JsonNode report = Json.mapper().readTree(lint.stdout().substring(start));
        assertThat(report.path("version").asText()).isEqualTo(REDOCLY_VERSION);
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(p.path("severity").asText() + " " + p.path("ruleId").asText()
                + ": " + p.path("message").asText() + " at " + p.path("location").path(0).path("pointer").asText()));
        assertThat(report.path("totals").path("errors").asInt()).as("errors: %s", problems).isZero();
        report.path("problems").forEach(p -> assertThat(ACCEPTED_WARNINGS).as("unexpected: %s", problems)
                .contains(p.path("ruleId").asText()));
    }

    private static Path installRedocly() throws Exception {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "slamon-tools", "redocly-" + REDOCLY_VERSION);
        Path bin = dir.resolve("node_modules/.bin/redocly");
        if (!Files.isExecutable(bin)) {
            Files.createDirectories(dir);
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(),
                    "@redocly/cli@" + REDOCLY_VERSION), 600);
            assertThat(install.exitCode()).as("npm install @redocly/cli@%s: %s", REDOCLY_VERSION, install.stderr()).isZero();
        }
        return bin;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("redocly", ".out");
        Path err = Files.createTempFile("redocly", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            // No telemetry and no update check: the lint must not depend on anything but the registry install.
            pb.environment().put("REDOCLY_TELEMETRY", "off");
            pb.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = pb.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}
