package dev.slamonitor.api;

import dev.slamonitor.api.auth.BearerAuth;
import dev.slamonitor.api.auth.Role;
import dev.slamonitor.api.http.AckRoute;
import dev.slamonitor.api.http.AlertStreamRoute;
import dev.slamonitor.api.http.Problems;
import dev.slamonitor.api.http.TicketRoutes;
import dev.slamonitor.api.ingest.IngestRoutes;
import dev.slamonitor.api.ingest.KafkaPublisher;
import dev.slamonitor.api.ingest.RecentIds;
import dev.slamonitor.api.knowledge.KnowledgeFeed;
import dev.slamonitor.api.knowledge.KnowledgeRoutes;
import dev.slamonitor.api.knowledge.KnowledgeView;
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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The HTTP API and the live view behind it. The view, the SSE hub and every handler live on this
 * verticle's event loop; the {@link ViewFeed} thread reads Kafka and hands batches over with
 * {@code runOnContext}, so no handler ever blocks and no lock is needed.
 */
public final class HttpApiVerticle extends VerticleBase {

    private static final String V1 = "/api/v1";

    private final AppConfig config;
    private final PrometheusMeterRegistry registry;
    private final BearerAuth auth;
    private final KafkaPublisher publisher;
    private final Topics topics;
    private final Clock clock;
    private final AtomicBoolean viewReady = new AtomicBoolean();
    private final TicketView view = new TicketView(200_000);
    private final RefundView refunds = new RefundView();
    private AlertStreamHub hub;
    private ViewFeed feed;
    private RefundTopicsFeed refundFeed;
    private final KnowledgeView knowledge = new KnowledgeView();
    private KnowledgeFeed knowledgeFeed;
    private HttpServer server;

    public HttpApiVerticle(AppConfig config, PrometheusMeterRegistry registry, BearerAuth auth,
                           KafkaProducer<String, byte[]> producer, Topics topics, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.auth = auth;
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
        var ingest = new IngestRoutes(new TicketEventReader(), publisher, topics.events().name(),
                settings.batchMaxEvents(), new RecentIds(settings.dedupCapacity()));
        var acks = new AckRoute(view, publisher, topics.acks().name(), clock);
        // Vert.x orders body handling before user handlers; the limit bounds what an unauthenticated caller costs.
        Handler<RoutingContext> body = BodyHandler.create(false).setBodyLimit(settings.bodyLimitBytes());
        Buffer openApi = openApiDocument();

        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(metricsGuard(settings.metricsPublic())).handler(PrometheusScrapingHandler.create(registry));
        router.get(V1 + "/openapi.yaml").handler(auth.require()).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml").end(openApi));
        router.get(V1 + "/tickets/:ticketId").handler(auth.require(Role.VIEWER)).handler(tickets::get);
        router.get(V1 + "/tickets").handler(auth.require(Role.VIEWER)).handler(tickets::list);
        router.get(V1 + "/alerts/stream").handler(auth.require(Role.VIEWER)).handler(stream::stream);
        router.post(V1 + "/events").handler(body).handler(auth.require(Role.PUBLISHER)).handler(ingest::single);
        router.post(V1 + "/events/batch").handler(body).handler(auth.require(Role.PUBLISHER)).handler(ingest::batch);
        router.post(V1 + "/alerts/:alertId/ack").handler(body).handler(auth.require(Role.RESPONDER)).handler(acks::ack);
        router.route(V1 + "/refunds/*").handler(auth.require(Role.VIEWER));
        RefundRoutes.mount(router, refunds);
        router.route(V1 + "/root-causes/*").handler(auth.require(Role.VIEWER));
        router.route(KnowledgeRoutes.ITEMS).handler(auth.require(Role.VIEWER));
        new KnowledgeRoutes(knowledge).mount(router);
        router.errorHandler(404, ctx -> Problems.send(ctx, 404, "not-found", "Not found", "No route " + ctx.request().path()
                + "; see " + V1 + "/openapi.yaml."));
        router.errorHandler(405, ctx -> Problems.send(ctx, 405, "method-not-allowed", "Method not allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path() + "."));
        router.errorHandler(413, ctx -> Problems.send(ctx, 413, "body-too-large", "Request body too large",
                "Bodies are limited to " + settings.bodyLimitBytes() + " bytes (api.body.limit.bytes)."));
        router.errorHandler(500, ctx -> Problems.send(ctx, 500, "internal-error", "Internal error",
                "The request failed unexpectedly; the server log has the details."));

        registerMeters();
        startFeed(vertx.getOrCreateContext(), settings.gaugeRefresh());
        refundFeed = RefundTopicsFeed.start(config, refunds);
        knowledgeFeed = KnowledgeFeed.start(config, knowledge);
        vertx.setPeriodic(settings.sseHeartbeat().toMillis(), id -> hub.heartbeat());
        return vertx.createHttpServer()
                .requestHandler(router)
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
            if (feed != null) {
                feed.close();
            }
            if (refundFeed != null) {
                refundFeed.close();
            }
            if (knowledgeFeed != null) {
                knowledgeFeed.close();
            }
            return null;
        });
    }

    int actualPort() {
        return server.actualPort();
    }

    boolean isViewReady() {
        return viewReady.get();
    }

    private void startFeed(Context context, Duration gaugeRefresh) {
        feed = new ViewFeed(KafkaClientConfig.common(config), topics.state().name(), topics.alerts().name(),
                batch -> applyOn(context, batch));
        feed.start();
        ViewGauges gauges = new ViewGauges(registry);
        vertx.setPeriodic(gaugeRefresh.toMillis(),
                id -> gauges.update(view.counts(clock.instant())));
    }

    private CompletionStage<Void> applyOn(Context context, ViewFeed.Batch batch) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                batch.snapshots().forEach(s -> view.applySnapshot(s.ticketId(), s.snapshot()));
                batch.alerts().forEach(a -> hub.publish(a.partition(), a.offset(), a.alert(), view.applyAlert(a.alert())));
                viewReady.compareAndSet(false, batch.caughtUp());
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

    private void health(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "UP").put("view", viewReady.get() ? "READY" : "LOADING").encode());
    }

    private void ready(RoutingContext ctx) {
        ctx.response().setStatusCode(viewReady.get() ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", viewReady.get() ? "READY" : "LOADING")
                        .put("tickets", view.ticketCount()).encode());
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
