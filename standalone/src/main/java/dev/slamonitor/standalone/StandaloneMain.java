package dev.slamonitor.standalone;

import dev.slamonitor.api.web.Role;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.standalone.webhook.DemoWebhooks;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's first command: {@code java -jar standalone/target/sla-monitor-standalone.jar --demo}.
 * Arguments: {@code --demo} turns on synthetic traffic; {@code --quiet} prints only the summary and
 * errors; {@code --verbose} adds the services' own INFO and DEBUG lines; {@code key=value} overrides
 * any setting. Exit codes: 2 for a configuration problem (all listed at once, before anything
 * starts), 3 when another launcher owns the data directory, 1 when start-up fails otherwise.
 */
public final class StandaloneMain {

    static {
        LaunchLogging.useLauncherConfiguration();
    }

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneMain.class);

    /** Exit code when another launcher owns the data directory. */
    public static final int EXIT_DATA_DIR_IN_USE = 3;
    /** Exit code of a configuration problem. */
    public static final int EXIT_CONFIG = 2;

    private StandaloneMain() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        try {
            LaunchLogging.apply(verbosity(args));
            AppConfig config = AppConfig.fromEnvironment().withArguments(overrides(args));
            StartupProgress progress = new StartupProgress(started);
            Standalone system = Standalone.start(config, progress);
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "shutdown"));
            printSummary(system, progress);
        } catch (ConfigException e) {
            LOG.error("Configuration error: {}", e.getMessage());
            System.exit(EXIT_CONFIG);
        } catch (DataDirLock.DataDirInUseException e) {
            LOG.error("{}", e.getMessage());
            System.exit(EXIT_DATA_DIR_IN_USE);
        } catch (RuntimeException e) {
            LOG.error("Start-up failed: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    static LaunchLogging.Verbosity verbosity(String[] args) {
        boolean quiet = List.of(args).contains("--quiet");
        boolean verbose = List.of(args).contains("--verbose");
        if (quiet && verbose) {
            throw new ConfigException("--quiet and --verbose exclude each other; give one of them.");
        }
        return quiet ? LaunchLogging.Verbosity.QUIET : verbose ? LaunchLogging.Verbosity.VERBOSE : LaunchLogging.Verbosity.NORMAL;
    }

    static Map<String, String> overrides(String[] args) {
        Map<String, String> overrides = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--demo")) {
                overrides.put("demo.enabled", "true");
            } else if (arg.equals("--quiet") || arg.equals("--verbose")) {
                continue; // console verbosity, see verbosity()
            } else if (arg.contains("=") && !arg.startsWith("-")) {
                overrides.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new ConfigException("Unknown argument '" + arg + "'. Use --demo, --quiet, --verbose and key=value"
                        + " settings (see docs/configuration.md).");
            }
        }
        return overrides;
    }

    private static void printSummary(Standalone s, StartupProgress progress) {
        AppConfig c = s.config();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        String api = "http://localhost:" + s.api().port();
        progress.summary("""

                ==== SLA monitor is running and processing (ready in %d ms, heap in use %d MB) ====
                Kafka broker (embedded KRaft) : %s
                Stream processor              : metrics http://localhost:%d/metrics, health http://localhost:%d/health/ready
                Alert API                     : %s (health: /health/ready, metrics: /metrics, OpenAPI: /api/v1/openapi.yaml with any key)
                Topics                        : %s (in), %s (state), %s (alerts), %s (dead letters)
                Demo traffic                  : %s
                Webhooks                      : %s
                Data directory                : %s (locked by this process)
                Watch live state              : kcat -C -b %s -t %s -X isolation.level=read_committed -f '%%k %%s\\n'
                %s
                Stop with Ctrl+C.
                """.formatted(progress.elapsedMillis(), heapMb, s.bootstrapServers(), s.processor().httpPort(), s.processor().httpPort(),
                api, c.string("topic.events"), c.string("topic.state"), c.string("topic.alerts"),
                c.string("topic.dead.letters"), s.demoRunning() ? "on (" + c.string("demo.tickets.per.minute")
                        + " tickets/min)" : "off (add --demo)", webhooks(s),
                c.string("standalone.data.dir"), s.bootstrapServers(), c.string("topic.state"), apiUsage(s, api)));
    }

    private static String webhooks(Standalone s) {
        return s.webhooks().map(w -> "demo receiver " + w.url() + " (API receivers " + DemoWebhooks.SLACK_RECEIVER
                        + " -> /slack, " + DemoWebhooks.JSON_RECEIVER + " -> /json, " + DemoWebhooks.PAGERDUTY_RECEIVER
                        + " -> /pagerduty"
                        + (w.failEvery() > 0 ? "; 1 in " + w.failEvery() + " requests answered 503 to show retries" : "")
                        + "); what it received: curl " + w.url() + "/")
                .orElseGet(() -> s.config().optional("api.webhooks.file").map(f -> "receivers from api.webhooks.file (" + f + ")")
                        .orElse("none (set api.webhooks.file; --demo starts a loopback receiver)"));
    }

    /** The generated keys (local demo only; they die with the process) and curl examples using them. */
    private static String apiUsage(Standalone s, String api) {
        DemoKeys keys = s.keys();
        if (!keys.generated()) {
            return "API keys                      : from api.auth.keys (none generated)";
        }
        String viewer = keys.key(Role.VIEWER);
        String publisher = keys.key(Role.PUBLISHER);
        String responder = keys.key(Role.RESPONDER);
        // A ticket that exists: the demo's first one, or without the demo the one the POST example opens.
        String ticket = s.demo().map(d -> d.ticketId(1)).orElse("T-1");
        String alertIds = s.webhooks().map(w -> "an alertId from the stream, a ticket, or curl " + w.url() + "/")
                .orElse("an alertId from the stream or a ticket");
        return """
                API keys (generated for this run; set api.auth.keys to use your own):
                  publisher : %2$s
                  viewer    : %3$s
                  responder : %4$s
                Try:
                  curl -N -H 'Authorization: Bearer %3$s' '%1$s/api/v1/alerts/stream?severity=critical,high'
                  curl -H 'Authorization: Bearer %3$s' '%1$s/api/v1/tickets?state=breached&limit=10'
                  curl -X POST -H 'Authorization: Bearer %2$s' -H 'Content-Type: application/json' %1$s/api/v1/events \\
                    -d '{"schemaVersion":1,"eventId":"ev-1","ticketId":"T-1","type":"TICKET_OPENED","occurredAt":"2026-11-23T09:00:00Z","severity":"high","customer":{"id":"C-1","tier":"business"},"team":"payments","channel":"email","tier":"L1"}'
                  curl -H 'Authorization: Bearer %3$s' '%1$s/api/v1/tickets/%5$s'
                  curl -X POST -H 'Authorization: Bearer %4$s' -H 'Content-Type: application/json' %1$s/api/v1/alerts/<alertId>/ack -d '{"by":"me","note":"on it"}'
                  (<alertId>: %6$s)\
                """.formatted(api, publisher, viewer, responder, ticket, alertIds);
    }
}
