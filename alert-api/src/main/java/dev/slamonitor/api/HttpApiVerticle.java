package dev.slamonitor.api;

import dev.slamonitor.api.auth.ApiKeys;
import dev.slamonitor.api.auth.BearerAuth;
import dev.slamonitor.api.auth.Role;
import dev.slamonitor.api.feed.FeedProgress;
import dev.slamonitor.api.feed.TopicFeed;
import dev.slamonitor.api.health.Check;
import dev.slamonitor.api.health.ClusterProbe;
import dev.slamonitor.api.health.Health;
import dev.slamonitor.api.oncall.AlertBook;
import dev.slamonitor.api.oncall.OnCallRoutes;
import dev.slamonitor.api.http.AckRoute;
import dev.slamonitor.api.http.AlertStreamRoute;
import dev.slamonitor.api.http.Problems;
import dev.slamonitor.api.http.RequestBody;
import dev.slamonitor.api.http.ServerGuard;
import dev.slamonitor.api.http.TicketRoutes;
import dev.slamonitor.api.ingest.IngestRoutes;
import dev.slamonitor.api.ingest.KafkaPublisher;
import dev.slamonitor.api.ingest.RecentIds;
import dev.slamonitor.api.knowledge.KnowledgeFeed;
import dev.slamonitor.api.knowledge.KnowledgeRoutes;
import dev.slamonitor.api.knowledge.KnowledgeView;
import dev.slamonitor.api.limit.RequestLimits;
import dev.slamonitor.api.refund.RefundRoutes;
import dev.slamonitor.api.refund.RefundTopicsFeed;
import dev.slamonitor.api.refund.RefundView;
import dev.slamonitor.api.sse.AlertStreamHub;
import dev.slamonitor.api.view.TicketView;
import dev.slamonitor.api.view.ViewFeed;
import dev.slamonitor.api.view.ViewGauges;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.TicketEventReader;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The HTTP API and the live view behind it. The view, the SSE hub and every handler live on this
 * verticle's event loop; the feeds' threads ({@link TopicFeed}) read Kafka and hand the view's batches
 * over with {@code runOnContext}, so no handler ever blocks and no lock is needed. Readiness covers the
 * cluster and every feed the API serves.
 */
public final class HttpApiVerticle extends VerticleBase {

    private static final String V1 = "/api/v1";
    private static final String OPENAPI = V1 + "/openapi.yaml";

    private final AppConfig config;
    private final ServerGuard.Settings httpSettings;
    private final TopicFeed.Timing timing;
    private final PrometheusMeterRegistry registry;
    private final BearerAuth auth;
    private final KafkaPublisher publisher;
    private final Topics topics;
    private final Clock clock;
    private final TicketView view = new TicketView(200_000);
    private AlertBook alertBook;
    private final RefundView refunds = new RefundView();
    private final RequestLimits limits;
    private AlertStreamHub hub;
    private TopicFeed stateFeed;
    private TopicFeed alertFeed;
    private RefundTopicsFeed refundFeed;
    private ClusterProbe probe;
    private Health health;
    private final KnowledgeView knowledge = new KnowledgeView();
    private KnowledgeFeed knowledgeFeed;
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
        hub = new AlertStreamHub(settings.sseReplay());
        var tickets = new TicketRoutes(view, clock, settings.pageDefault(), settings.pageMax());
        var stream = new AlertStreamRoute(hub, settings.sseClientQueue(), settings.sseMaxClients());
        var ingest = new IngestRoutes(TicketEventReader.from(config), publisher, topics.events().name(),
                settings.batchMaxEvents(), new RecentIds(settings.dedupCapacity()));
        var acks = new AckRoute(view, publisher, topics.acks().name(), clock);
        var guard = new ServerGuard(vertx, httpSettings, registry);
        // After authentication: an unauthenticated caller never gets its body buffered.
        Handler<RoutingContext> body = new RequestBody(httpSettings.bodyLimitBytes(), httpSettings.bodyTimeout().toMillis(),
                registry).handler();
        Buffer openApi = openApiDocument();
        alertBook = new AlertBook(config.integer("api.alerts.book.max", 1, 10_000_000));
        startFeeds(vertx.getOrCreateContext(), settings.gaugeRefresh());

        Router router = Router.router(vertx);
        router.route().handler(guard.rearmAfterResponse());
        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        router.get("/health").handler(health::ready);
        router.route().handler(limits.perAddress());
        router.get("/metrics").handler(metricsGuard(settings.metricsPublic())).handler(PrometheusScrapingHandler.create(registry));
        router.get(OPENAPI).handler(auth.require()).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml").end(openApi));
        router.get(V1 + "/tickets/:ticketId").handler(auth.require(Role.VIEWER)).handler(tickets::get);
        router.get(V1 + "/tickets").handler(auth.require(Role.VIEWER)).handler(tickets::list);
        router.get(V1 + "/alerts/stream").handler(auth.require(Role.VIEWER)).handler(stream::stream);
        router.post(V1 + "/events").handler(auth.require(Role.PUBLISHER)).handler(body).handler(ingest::single);
        router.post(V1 + "/events/batch").handler(auth.require(Role.PUBLISHER)).handler(body).handler(ingest::batch);
        router.post(V1 + "/alerts/:alertId/ack").handler(auth.require(Role.RESPONDER)).handler(body).handler(acks::ack);
        new OnCallRoutes(config, alertBook, view, acks, registry).mount(router, V1, body, auth);
        router.route(V1 + "/refunds/*").handler(auth.require(Role.VIEWER));
        RefundRoutes.mount(router, refunds);
        router.route(V1 + "/root-causes/*").handler(auth.require(Role.VIEWER));
        router.route(KnowledgeRoutes.ITEMS).handler(auth.require(Role.VIEWER));
        new KnowledgeRoutes(knowledge).mount(router);
        Problems.installOn(router, OPENAPI);

        registerMeters();
        vertx.setPeriodic(settings.sseHeartbeat().toMillis(), id -> hub.heartbeat());
        return guard.server(router)
                .listen(settings.port(), settings.host())
                .onSuccess(s -> this.server = s);
    }

    @Override
    public Future<?> stop() {
        // Runs on this verticle's context, before Vert.x closes the server: streams end with a final comment.
        if (hub != null) {
            hub.shutdown();
        }
        return vertx.executeBlocking(() -> {
            for (AutoCloseable c : Arrays.asList(stateFeed, alertFeed, refundFeed, knowledgeFeed, probe)) {
                if (c != null) {
                    c.close();
                }
            }
            return null;
        });
    }

    int actualPort() {
        return server.actualPort();
    }

    boolean isViewReady() {
        return stateFeed != null && stateFeed.progress().isCaughtUp() && alertFeed.progress().isCaughtUp();
    }

    boolean isReady() {
        return health != null && health.isReady();
    }

    private void startFeeds(Context context, Duration gaugeRefresh) {
        Map<String, Object> client = KafkaClientConfig.common(config);
        stateFeed = new TopicFeed("ticket-view", client, List.of(topics.state().name()), timing,
                ViewFeed.snapshots(batch -> onContext(context, () -> batch.forEach(s -> view.applySnapshot(s.ticketId(), s.snapshot()))))).start();
        alertFeed = new TopicFeed("alert-stream", client, List.of(topics.alerts().name()), timing,
                ViewFeed.alerts(batch -> onContext(context, () -> batch.forEach(a -> {
                    hub.publish(a.partition(), a.offset(), a.alert(), view.applyAlert(a.alert()));
                    alertBook.apply(a.alert());
                })))).start();
        refundFeed = RefundTopicsFeed.start(config, timing, refunds);
        knowledgeFeed = KnowledgeFeed.start(config, timing, knowledge);
        probe = new ClusterProbe(client, timing.kafkaTimeout(), timing.staleAfter());
        probe.probe();
        vertx.setPeriodic(timing.checkInterval().toMillis(), id -> probe.probe());
        List<FeedProgress> feeds = List.of(stateFeed.progress(), alertFeed.progress(), refundFeed.progress(),
                knowledgeFeed.progress());
        List<LongFunction<Check>> checks = new ArrayList<>();
        checks.add(probe::check);
        checks.add(now -> {
            Check c = stateFeed.progress().check(now);
            c.details().put("tickets", view.ticketCount());
            return c;
        });
        feeds.stream().skip(1).forEach(f -> checks.add(f::check));
        health = new Health(checks, () -> feeds.stream().noneMatch(FeedProgress::isStopped));
        ViewGauges gauges = new ViewGauges(registry);
        vertx.setPeriodic(gaugeRefresh.toMillis(),
                id -> gauges.update(view.counts(clock.instant())));
    }

    /**
     * The first notices of the alert keys not resolved yet, once the live view caught up with the
     * alerts topic (empty before: a half-read topic would list conditions that already ended). Safe
     * to call from any thread; answered on this verticle's context.
     */
    public Future<List<dev.slamonitor.alert.Alert>> openAlerts() {
        io.vertx.core.Promise<List<dev.slamonitor.alert.Alert>> open = io.vertx.core.Promise.promise();
        context.runOnContext(v -> open.complete(isViewReady() ? alertBook.openNotices() : List.of()));
        return open.future();
    }

    private static CompletionStage<Void> onContext(Context context, Runnable apply) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                apply.run();
                applied.complete(null);
            } catch (RuntimeException e) {
                applied.completeExceptionally(e);
            }
        });
        return applied;
    }

    private void registerMeters() {
        Gauge.builder("slamon.api.sse.clients", hub, AlertStreamHub::clientCount)
                .description("Connected alert-stream clients").register(registry);
        FunctionCounter.builder("slamon.api.sse.dropped", hub, AlertStreamHub::droppedClients)
                .description("Stream clients disconnected because they could not keep up").register(registry);
        Gauge.builder("slamon.api.view.tickets", view, TicketView::ticketCount)
                .description("Tickets in this instance's live view").register(registry);
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
