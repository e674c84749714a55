package dev.slamonitor.standalone.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (the Debian package's binary) on loopback for tests: runs the repository's
 * dashboards/prometheus/prometheus.yml and alerts.yml with the compose targets replaced by the
 * given loopback ports and a 1 s scrape interval, so the test exercises the shipped files.
 */
public final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The binary named by SLAMON_PROMETHEUS_BIN, else {@code prometheus} on the PATH. */
    public static Optional<Path> binary() {
        String configured = System.getenv("SLAMON_PROMETHEUS_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @param targetsByJob loopback host:port for every job of the shipped scrape config */
    public static PrometheusServer start(Path binary, Path workDir, Map<String, String> targetsByJob) throws Exception {
        Path config = workDir.resolve("prometheus.yml");
        RepoFiles.YAML.writeValue(config.toFile(), testConfig(targetsByJob));
        int port = freePort();
        Path log = workDir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + workDir.resolve("tsdb"),
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        server.awaitReady(Duration.ofSeconds(30));
        return server;
    }

    static JsonNode testConfig(Map<String, String> targetsByJob) {
        ObjectNode config = (ObjectNode) RepoFiles.yaml("dashboards/prometheus/prometheus.yml");
        ObjectNode global = (ObjectNode) config.path("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        java.util.List<String> ruleFiles = new java.util.ArrayList<>();
        config.path("rule_files").forEach(r -> ruleFiles.add(RepoFiles.path("dashboards/prometheus/" + r.asText()).toString()));
        ArrayNode rules = config.putArray("rule_files");
        ruleFiles.forEach(rules::add);
        for (JsonNode job : config.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            String target = targetsByJob.get(name);
            if (target == null) {
                throw new IllegalArgumentException("The test has no loopback target for scrape job '" + name + "'");
            }
            ArrayNode targets = ((ObjectNode) job.path("static_configs").get(0)).putArray("targets");
            targets.add(target);
        }
        return config;
    }

    /** Runs an instant query; the JSON body whatever the HTTP status (errors carry errorType/error). */
    public JsonNode query(String expr) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        return RepoFiles.JSON.readTree(response.body());
    }

    public String logTail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Prometheus not ready after " + timeout + ":\n" + logTail());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
