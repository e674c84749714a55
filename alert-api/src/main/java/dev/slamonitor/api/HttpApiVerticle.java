package dev.slamonitor.api;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.api.alerts.AlertsFeature;
import dev.slamonitor.api.health.Check;
import dev.slamonitor.api.health.ClusterProbe;
import dev.slamonitor.api.health.Health;
import dev.slamonitor.api.ingest.IngestFeature;
import dev.slamonitor.api.kafka.KafkaPublisher;
import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.api.knowledge.KnowledgeFeature;
import dev.slamonitor.api.refund.RefundFeature;
import dev.slamonitor.api.tickets.TicketsFeature;
import dev.slamonitor.api.web.ApiEnvironment;
import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.web.ApiSettings;
import dev.slamonitor.api.web.BearerAuth;
import dev.slamonitor.api.web.Feature;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Problems;
import dev.slamonitor.api.web.RequestBody;
import dev.slamonitor.api.web.RequestLimits;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.api.web.ServerGuard;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The HTTP API: the router over the features (tickets, alerts, ingest, refunds, knowledge), the error
 * handlers, and readiness over the cluster and every feed the features read. Features build their views
 * on this verticle's context and their feeds apply updates there, so no handler blocks and no view
 * needs a lock.
 */
public final class HttpApiVerticle extends VerticleBase {

    private static final String OPENAPI = Feature.V1 + "/openapi.yaml";

    private final AppConfig config;
    private final ServerGuard.Settings httpSettings;
    private final TopicFeed.Timing timing;
    private final PrometheusMeterRegistry registry;
    private final BearerAuth auth;
    private final RequestLimits limits;
    private final KafkaPublisher publisher;
    private final Topics topics;
    private final Clock clock;
    private TicketsFeature tickets;
    private AlertsFeature alerts;
    private final List<TopicFeed> feeds = new ArrayList<>();
    private ClusterProbe probe;
    private Health health;
    private HttpServer server;

    public HttpApiVerticle(AppConfig config, ServerGuard.Settings httpSettings, TopicFeed.Timing timing,
                           RequestLimits limits, PrometheusMeterRegistry registry, ApiKeys keys, KafkaProducer<String, byte[]> producer,
                           Topics topics, Clock clock) {
        this.config = config;
        this.httpSettings = httpSettings;
        this.timing = timing;
        this.registry = registry;
        this.limits = limits;
        this.auth = new BearerAuth(keys, limits);
        this.publisher = new KafkaPublisher(producer);
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        ApiSettings settings = ApiSettings.from(config);
        ApiEnvironment env = new ApiEnvironment(vertx, context, config, settings, topics, timing, publisher, registry, clock);
        tickets = new TicketsFeature(env);
        alerts = new AlertsFeature(env, tickets.view());
        List<Feature> features = List.of(tickets, alerts, new IngestFeature(env), new RefundFeature(env),
                new KnowledgeFeature(env));
        features.forEach(f -> feeds.addAll(f.feeds()));
        health = health();
        ServerGuard guard = new ServerGuard(vertx, httpSettings, registry);
        Guards guards = new Guards(auth, new RequestBody(httpSettings.bodyLimitBytes(), httpSettings.bodyTimeout().toMillis(),
                registry).handler());
        Buffer openApi = openApiDocument();

        Router router = Router.router(vertx);
        router.route().handler(guard.rearmAfterResponse());
        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        router.get("/health").handler(health::ready);
        router.route().handler(limits.perAddress());
        router.get("/metrics").handler(metricsGuard(settings.metricsPublic())).handler(PrometheusScrapingHandler.create(registry));
        router.get(OPENAPI).handler(auth.require()).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml").end(openApi));
        features.forEach(f -> f.mount(router, guards));
        Problems.installOn(router, OPENAPI);

        return guard.server(router)
                .listen(settings.port(), settings.host())
                .onSuccess(s -> this.server = s);
    }

    @Override
    public Future<?> stop() {
        // Runs on this verticle's context, before Vert.x closes the server: streams end with a final comment.
        if (alerts != null) {
            alerts.shutdown();
        }
        return vertx.executeBlocking(() -> {
            for (TopicFeed feed : feeds) {
                feed.close();
            }
            if (probe != null) {
                probe.close();
            }
            return null;
        });
    }

    int actualPort() {
        return server.actualPort();
    }

    boolean isViewReady() {
        return tickets != null && tickets.feed().progress().isCaughtUp() && alerts.feed().progress().isCaughtUp();
    }

    boolean isReady() {
        return health != null && health.isReady();
    }

    /** The cluster probe first, then every feed; alive while no feed stopped for good. */
    private Health health() {
        probe = new ClusterProbe(KafkaClientConfig.common(config), timing.kafkaTimeout(), timing.staleAfter());
        probe.probe();
        vertx.setPeriodic(timing.checkInterval().toMillis(), id -> probe.probe());
        List<LongFunction<Check>> checks = new ArrayList<>();
        checks.add(probe::check);
        feeds.forEach(f -> checks.add(f::check));
        return new Health(checks, () -> feeds.stream().noneMatch(f -> f.progress().isStopped()));
    }

    /**
     * The first notices of the alert keys not resolved yet, once the live view caught up with the
     * alerts topic (empty before: a half-read topic would list conditions that already ended). Safe
     * to call from any thread; answered on this verticle's context.
     */
    public Future<List<Alert>> openAlerts() {
        Promise<List<Alert>> open = Promise.promise();
        context.runOnContext(v -> open.complete(isViewReady() ? alerts.openNotices() : List.of()));
        return open.future();
    }

    private Handler<RoutingContext> metricsGuard(boolean metricsPublic) {
        return metricsPublic ? RoutingContext::next : auth.require(Role.METRICS);
    }

    private static Buffer openApiDocument() {
        try (InputStream in = HttpApiVerticle.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the class path");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read openapi.yaml", e);
        }
    }
}
