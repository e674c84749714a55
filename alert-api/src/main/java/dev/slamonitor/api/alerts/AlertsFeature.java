package dev.slamonitor.api.alerts;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.api.kafka.Binding;
import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.api.tickets.TicketView;
import dev.slamonitor.api.web.ApiEnvironment;
import dev.slamonitor.api.web.Feature;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Role;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * Alerts as the API serves them: the alerts topic feeds the SSE hub, the ticket view and the alert
 * book; routes are the live stream, acknowledgements (from users and from on-call tools) and the
 * alert book's lists.
 */
public final class AlertsFeature implements Feature {

    private final AlertStreamHub hub;
    private final AlertBook book;
    private final AlertStreamRoute stream;
    private final AckRoute acks;
    private final AlertBookRoutes bookRoutes;
    private final InboundAcks inbound;
    private final TopicFeed feed;

    public AlertsFeature(ApiEnvironment env, TicketView view) {
        this.hub = new AlertStreamHub(env.settings().sseReplay());
        this.book = new AlertBook(env.settings().alertBookMax());
        this.stream = new AlertStreamRoute(hub, env.settings().sseClientQueue(), env.settings().sseMaxClients());
        this.acks = new AckRoute(view, env.publisher(), env.topics().acks().name(), env.clock());
        this.bookRoutes = new AlertBookRoutes(book);
        this.inbound = new InboundAcks(InboundAcks.Settings.from(env.config()), book, view, acks, env.registry());
        this.feed = env.feed("alert-stream", List.of(Binding.skippingTombstones(env.topics().alerts(),
                (key, alert, partition, offset) -> {
                    hub.publish(partition, offset, alert, view.applyAlert(alert));
                    book.apply(alert);
                })));
        env.vertx().setPeriodic(env.settings().sseHeartbeat().toMillis(), id -> hub.heartbeat());
        Gauge.builder("slamon.api.sse.clients", hub, AlertStreamHub::clientCount)
                .description("Connected alert-stream clients").register(env.registry());
        FunctionCounter.builder("slamon.api.sse.dropped", hub, AlertStreamHub::droppedClients)
                .description("Stream clients disconnected because they could not keep up").register(env.registry());
    }

    @Override
    public void mount(Router router, Guards guards) {
        router.get(V1 + "/alerts/stream").handler(guards.role(Role.VIEWER)).handler(stream::stream);
        router.post(V1 + "/alerts/:alertId/ack").handler(guards.role(Role.RESPONDER)).handler(guards.body()).handler(acks::ack);
        bookRoutes.mount(router, guards);
        inbound.mount(router, guards);
    }

    @Override
    public List<TopicFeed> feeds() {
        return List.of(feed);
    }

    /** The alerts feed (the view is ready once it and the state feed caught up). */
    public TopicFeed feed() {
        return feed;
    }

    /** The first notices of the alert keys not resolved yet; call on the environment's context. */
    public List<Alert> openNotices() {
        return book.openNotices();
    }

    /** Ends every stream with a final comment; call on the environment's context before the server closes. */
    public void shutdown() {
        hub.shutdown();
    }
}
