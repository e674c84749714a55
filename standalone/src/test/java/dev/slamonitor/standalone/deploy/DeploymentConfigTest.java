package dev.slamonitor.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, the Prometheus config, the Grafana provisioning and the services'
 * configuration must agree: every SLAMON_* variable is a known setting with a valid value, the
 * published ports and scrape targets are the ports the services listen on, the mounted files exist,
 * and every dashboard uses the provisioned Prometheus datasource.
 */
class DeploymentConfigTest {

    private static final JsonNode COMPOSE = RepoFiles.yaml("docker-compose.yml");
    private static final JsonNode PROMETHEUS = RepoFiles.yaml("dashboards/prometheus/prometheus.yml");

    @Test
    void shouldDefineTheWholeSystem() {
        // given / when
        Set<String> services = new TreeSet<>();
        COMPOSE.path("services").fieldNames().forEachRemaining(services::add);

        // then
        assertThat(services).containsExactlyInAnyOrder("kafka", "stream-processor", "alert-api", "demo-traffic",
                "webhook-receiver", "prometheus", "alertmanager", "grafana");
        assertThat(service("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(env("kafka").get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    }

    @Test
    void shouldUseOnlyKnownSettingsWithValidValuesInEveryService() {
        COMPOSE.path("services").properties().forEach(entry -> {
            // given
            Map<String, String> slamon = new LinkedHashMap<>();
            env(entry.getKey()).forEach((k, v) -> {
                if (k.startsWith(AppConfig.ENV_PREFIX)) {
                    slamon.put(k, v);
                }
            });

            // when / then: an unknown key or a bad value throws, naming it
            assertThatCode(() -> AppConfig.load(slamon).validate(List.of(config -> {
                config.hostPorts("kafka.bootstrap.servers");
                config.port("processor.http.port");
                config.port("api.http.port");
                config.integer("demo.tickets.per.minute", 1, 60_000);
                config.port("demo.webhook.receiver.port");
                dev.slamonitor.config.LoggingSettings.check(config);
            }))).as("SLAMON_* settings of service %s", entry.getKey()).doesNotThrowAnyException();
        });
    }

    @Test
    void shouldHealthcheckEveryServiceAndStartEachOnlyWhenWhatItNeedsIsHealthy() {
        COMPOSE.path("services").properties().forEach(entry -> {
            JsonNode check = entry.getValue().path("healthcheck");
            assertThat(check.path("test").isArray() && check.path("test").size() > 1).as("healthcheck of %s", entry.getKey()).isTrue();
            entry.getValue().path("depends_on").properties().forEach(dep -> assertThat(dep.getValue().path("condition").asText())
                    .as("%s depends on %s", entry.getKey(), dep.getKey()).isEqualTo("service_healthy"));
            assertThat(entry.getValue().path("depends_on").isArray()).as("%s: depends_on with conditions", entry.getKey()).isFalse();
        });
        // the services' checks ask their exact readiness endpoint on the port they listen on
        int processorPort = AppConfig.load(env("stream-processor")).port("processor.http.port");
        int apiPort = AppConfig.load(env("alert-api")).port("api.http.port");
        assertThat(healthcheck("stream-processor")).contains("/dev/tcp/127.0.0.1/" + processorPort).contains("GET /health/ready ");
        assertThat(healthcheck("alert-api")).contains("/dev/tcp/127.0.0.1/" + apiPort).contains("GET /health/ready ");
    }

    @Test
    void shouldRunOnComposeV1AndV2() {
        // v1 rejects a top-level name; both accept the compose-spec depends_on conditions used here
        assertThat(COMPOSE.has("name")).isFalse();
        COMPOSE.fieldNames().forEachRemaining(key -> assertThat(key).isIn("services", "volumes", "networks"));
    }

    @Test
    void shouldTakeGrafanaCredentialsFromTheEnvironmentWithoutADefaultPassword() {
        Map<String, String> grafana = env("grafana");
        assertThat(grafana.get("GF_SECURITY_ADMIN_PASSWORD")).matches("\\$\\{GRAFANA_ADMIN_PASSWORD:\\?[^}]+}");
        assertThat(grafana.get("GF_SECURITY_ADMIN_USER")).startsWith("${GRAFANA_ADMIN_USER");
        assertThat(RepoFiles.text("docker-compose.yml")).doesNotContain("admin/admin").doesNotContain("PASSWORD: admin");
    }

    @Test
    void shouldPublishTheDemoPolicyThroughConfigurationAndDeliverWebhooksToTheDemoReceiver() {
        // the processor publishes the demo policy it bundles, by configuration (the launcher does the same)
        String policies = env("stream-processor").get("SLAMON_SLA_POLICY_PUBLISH_RESOURCES");
        assertThat(policies).isEqualTo(dev.slamonitor.standalone.Standalone.DEMO_POLICY);
        assertThat(RepoFiles.path("stream-processor/src/main/resources" + policies)).exists();
        assertThat(RepoFiles.text("standalone/src/main/java/dev/slamonitor/standalone/Standalone.java"))
                .doesNotContain("processor.sla.policy");
        // the API's receivers file is mounted and names the receiver service on the port it listens on
        String file = env("alert-api").get("SLAMON_API_WEBHOOKS_FILE");
        Path receivers = hostPath(mounts("alert-api"), file);
        int receiverPort = AppConfig.load(env("webhook-receiver")).port("demo.webhook.receiver.port");
        var loaded = dev.slamonitor.api.webhook.WebhookReceivers.load(AppConfig.load(Map.of())
                .with("api.webhooks.file", receivers.toString()));
        assertThat(loaded).filteredOn(r -> r.format() != dev.slamonitor.api.webhook.WebhookReceiver.Format.ALERTMANAGER)
                .isNotEmpty().allSatisfy(r -> assertThat(r.url()).startsWith("http://webhook-receiver:" + receiverPort + "/"));
        assertThat(env("webhook-receiver").get("SLAMON_DEMO_WEBHOOK_RECEIVER_HOST")).isEqualTo("0.0.0.0");
        assertThat(service("webhook-receiver").path("entrypoint").toString()).contains("DemoWebhookReceiverMain");
        assertThat(healthcheck("webhook-receiver")).contains("/dev/tcp/127.0.0.1/" + receiverPort);
        assertThat(service("alert-api").path("depends_on").has("webhook-receiver")).isTrue();
    }

    @Test
    void shouldPointEveryServiceAtTheKafkaServiceListener() {
        // given
        String advertised = env("kafka").get("KAFKA_ADVERTISED_LISTENERS");
        Matcher internal = Pattern.compile("PLAINTEXT://([^:,]+):(\\d+)").matcher(advertised);
        assertThat(internal.find()).as("a PLAINTEXT listener in KAFKA_ADVERTISED_LISTENERS").isTrue();
        String broker = internal.group(1) + ":" + internal.group(2);

        // when / then
        assertThat(internal.group(1)).isEqualTo("kafka");
        for (String name : List.of("stream-processor", "alert-api", "demo-traffic")) {
            assertThat(AppConfig.load(env(name)).hostPorts("kafka.bootstrap.servers")).as(name).isEqualTo(broker);
            assertThat(service(name).path("depends_on").has("kafka")).as(name + " depends on kafka").isTrue();
        }
    }

    @Test
    void shouldPublishAndScrapeThePortsTheServicesListenOn() {
        // given
        int processorPort = AppConfig.load(env("stream-processor")).port("processor.http.port");
        int apiPort = AppConfig.load(env("alert-api")).port("api.http.port");

        // when / then
        assertThat(containerPorts("stream-processor")).contains(processorPort);
        assertThat(containerPorts("alert-api")).contains(apiPort);
        assertThat(exposed("stream-processor/Dockerfile")).isEqualTo(processorPort);
        assertThat(exposed("alert-api/Dockerfile")).isEqualTo(apiPort);
        assertThat(scrapeTargets()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "stream-processor", "stream-processor:" + processorPort,
                "alert-api", "alert-api:" + apiPort));
        PROMETHEUS.path("scrape_configs").forEach(job -> assertThat(job.path("metrics_path").asText("/metrics"))
                .isEqualTo("/metrics"));
    }

    @Test
    void shouldBuildEveryServiceFromADockerfileInTheRepository() {
        for (String name : List.of("stream-processor", "alert-api", "demo-traffic")) {
            JsonNode build = service(name).path("build");
            Path dockerfile = RepoFiles.path(build.path("context").asText()).resolve(build.path("dockerfile").asText());
            assertThat(dockerfile).as(name).exists();
            assertThat(RepoFiles.text(RepoFiles.root().relativize(dockerfile).toString()))
                    .as("multi-stage Maven build of " + name).contains("AS build").contains("mvn ").contains("COPY --from=build");
        }
        assertThat(RepoFiles.text("standalone/Dockerfile")).contains("dev.slamonitor.standalone.demo.DemoTrafficMain");
    }

    @Test
    void shouldSendSlaAlertsAndPrometheusRulesToTheComposeAlertmanager() {
        // given the Alertmanager's mounted configuration and the alert API's receivers file
        JsonNode alertmanager = RepoFiles.yaml(RepoFiles.root().relativize(hostPath(mounts("alertmanager"),
                argument("alertmanager", "--config.file="))).toString());
        Path receivers = hostPath(mounts("alert-api"), env("alert-api").get("SLAMON_API_WEBHOOKS_FILE"));

        // when the API loads its receivers as it would at start-up
        var loaded = dev.slamonitor.api.webhook.WebhookReceivers.load(AppConfig.load(Map.of(
                "SLAMON_API_WEBHOOKS_FILE", receivers.toString())));

        // then SLA alerts go to the alertmanager service, Prometheus alerts too, and both reach a defined receiver
        assertThat(loaded).anySatisfy(r -> {
            assertThat(r.format()).isEqualTo(dev.slamonitor.api.webhook.WebhookReceiver.Format.ALERTMANAGER);
            assertThat(r.url()).isEqualTo("http://alertmanager:" + containerPorts("alertmanager").get(0));
        });
        assertThat(PROMETHEUS.at("/alerting/alertmanagers/0/static_configs/0/targets/0").asText())
                .isEqualTo("alertmanager:" + containerPorts("alertmanager").get(0));
        Set<String> defined = new HashSet<>();
        alertmanager.path("receivers").forEach(r -> defined.add(r.path("name").asText()));
        assertThat(defined).contains(alertmanager.at("/route/receiver").asText());
        alertmanager.at("/route/routes").forEach(r -> assertThat(defined).contains(r.path("receiver").asText()));
    }

    @Test
    void shouldMountPrometheusConfigAndRulesThatExist() {
        // given
        Map<String, Path> mounts = mounts("prometheus");
        String configFile = argument("prometheus", "--config.file=");

        // when / then
        assertThat(hostPath(mounts, configFile)).exists();
        assertThat(PROMETHEUS.path("rule_files")).isNotEmpty();
        for (JsonNode rules : PROMETHEUS.path("rule_files")) {
            // relative to the config file, as Prometheus and promtool resolve them
            String inContainer = Path.of(configFile).resolveSibling(rules.asText()).toString();
            assertThat(hostPath(mounts, inContainer)).as("rule file %s", rules.asText()).exists();
        }
    }

    @Test
    void shouldProvisionTheDatasourceAndDashboardsGrafanaMounts() {
        // given
        Map<String, Path> mounts = mounts("grafana");
        Path provisioning = mounts.get("/etc/grafana/provisioning");
        JsonNode datasource = RepoFiles.yaml(relative(provisioning.resolve("datasources/prometheus.yml"))).path("datasources").get(0);
        JsonNode provider = RepoFiles.yaml(relative(provisioning.resolve("dashboards/dashboards.yml"))).path("providers").get(0);

        // when / then
        assertThat(datasource.path("uid").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:" + containerPorts("prometheus").get(0));
        assertThat(provider.path("options").path("foldersFromFilesStructure").asBoolean()).isTrue();
        assertThat(hostPath(mounts, provider.path("options").path("path").asText()))
                .isEqualTo(RepoFiles.path("dashboards/grafana/dashboards"));
    }

    @Test
    void shouldUseTheProvisionedDatasourceAndJobInstanceVariablesInEveryDashboard() {
        Set<String> uids = new HashSet<>();
        for (Path file : RepoFiles.dashboards()) {
            // given
            JsonNode dashboard = RepoFiles.json(file);
            String name = file.getFileName().toString();

            // when / then
            assertThat(name).as("numbered file name").matches("\\d\\d-[a-z0-9-]+\\.json");
            assertThat(file.getParent().getParent()).as(name + " in a folder").isEqualTo(RepoFiles.path("dashboards/grafana/dashboards"));
            assertThat(dashboard.path("editable").asBoolean(true)).as(name + " editable").isFalse();
            assertThat(uids.add(dashboard.path("uid").asText())).as(name + " unique uid").isTrue();
            List<String> variables = dashboard.path("templating").path("list").findValuesAsText("name");
            assertThat(variables).as(name + " variables").contains("job", "instance");
            assertThat(dashboard.findValues("datasource")).as(name + " datasources").allSatisfy(ds ->
                    assertThat(ds.path("uid").asText()).isEqualTo("prometheus"));
            DashboardQuery.from(file).stream().filter(q -> !q.panel().startsWith("variable")).forEach(q ->
                    assertThat(q.rawExpr()).as(q.where() + " filters by $job and $instance")
                            .contains("job=~\"$job\"").contains("instance=~\"$instance\""));
        }
    }

    @Test
    void shouldDocumentEveryMetricThatADashboardOrAlertRuleUses() {
        // given
        String doc = RepoFiles.text("docs/metrics.md");
        Set<String> used = new TreeSet<>();
        RepoFiles.dashboards().forEach(f -> DashboardQuery.from(f).forEach(q -> used.addAll(q.metrics())));
        for (String rules : List.of("alerts.yml", "kpis.yml")) {
            RepoFiles.yaml("dashboards/prometheus/" + rules).findValuesAsText("expr")
                    .forEach(expr -> used.addAll(DashboardQuery.of(rules, "rule", "-", expr).metrics()));
        }

        // when / then
        assertThat(used).isNotEmpty().allSatisfy(metric -> assertThat(doc).as("docs/metrics.md lists %s", metric)
                .containsPattern("`" + metric + "`"));
    }

    private static String healthcheck(String name) {
        return service(name).path("healthcheck").path("test").toString();
    }

    private static JsonNode service(String name) {
        JsonNode service = COMPOSE.path("services").path(name);
        assertThat(service.isMissingNode()).as("service " + name).isFalse();
        return service;
    }

    /** A service's environment, in map or list form. */
    private static Map<String, String> env(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service(name).path("environment");
        if (node.isArray()) {
            node.forEach(e -> env.put(e.asText().split("=", 2)[0], e.asText().split("=", 2)[1]));
        } else {
            node.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    /** Container side of each "host:container" port mapping. */
    private static List<Integer> containerPorts(String name) {
        List<Integer> out = new java.util.ArrayList<>();
        service(name).path("ports").forEach(p -> {
            String[] parts = p.asText().split(":");
            out.add(Integer.parseInt(parts[parts.length - 1].replace("/tcp", "")));
        });
        return out;
    }

    private static int exposed(String dockerfile) {
        Matcher m = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)").matcher(RepoFiles.text(dockerfile));
        assertThat(m.find()).as("EXPOSE in " + dockerfile).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static Map<String, String> scrapeTargets() {
        Map<String, String> targets = new LinkedHashMap<>();
        PROMETHEUS.path("scrape_configs").forEach(job -> job.path("static_configs").forEach(sc ->
                sc.path("targets").forEach(t -> targets.put(job.path("job_name").asText(), t.asText()))));
        return targets;
    }

    /** Container path -> repository path of a service's bind mounts. */
    private static Map<String, Path> mounts(String name) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        service(name).path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            if (parts[0].startsWith("./")) {
                Path host = RepoFiles.path(parts[0].substring(2)).normalize();
                assertThat(host).as("bind mount %s of %s", parts[0], name).exists();
                mounts.put(parts[1], host);
            }
        });
        return mounts;
    }

    private static Path hostPath(Map<String, Path> mounts, String containerPath) {
        return mounts.entrySet().stream().filter(m -> containerPath.startsWith(m.getKey() + "/") || containerPath.equals(m.getKey()))
                .map(m -> m.getValue().resolve(containerPath.substring(m.getKey().length()).replaceFirst("^/", "")))
                .findFirst().orElseThrow(() -> new AssertionError(containerPath + " is not inside a bind mount " + mounts.keySet()));
    }

    private static String argument(String name, String prefix) {
        for (JsonNode arg : service(name).path("command")) {
            if (arg.asText().startsWith(prefix)) {
                return arg.asText().substring(prefix.length());
            }
        }
        throw new AssertionError(name + " has no " + prefix + " argument");
    }

    private static String relative(Path file) {
        assertThat(Files.exists(file)).as(file.toString()).isTrue();
        return RepoFiles.root().relativize(file).toString();
    }
}
