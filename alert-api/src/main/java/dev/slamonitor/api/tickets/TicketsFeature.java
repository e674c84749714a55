package dev.slamonitor.api.tickets;

import dev.slamonitor.api.kafka.Binding;
import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.api.web.ApiEnvironment;
import dev.slamonitor.api.web.Feature;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Role;
import io.micrometer.core.instrument.Gauge;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The live ticket view: fed from the compacted state topic, served by {@code GET /tickets} and
 * {@code GET /tickets/{ticketId}}, counted by the view gauges. The view lives on the environment's
 * context; the alerts feature feeds it the alerts too.
 */
public final class TicketsFeature implements Feature {

    private final TicketView view;
    private final TicketRoutes routes;
    private final TopicFeed feed;

    public TicketsFeature(ApiEnvironment env) {
        this.view = new TicketView(200_000, env.clock());
        this.routes = new TicketRoutes(view, env.clock(), env.settings().pageDefault(), env.settings().pageMax());
        this.feed = env.feed("ticket-view", List.of(Binding.table(env.topics().state(), view::applySnapshot)))
                .detail("tickets", view::ticketCount);
        ViewGauges gauges = new ViewGauges(env.registry());
        env.vertx().setPeriodic(env.settings().gaugeRefresh().toMillis(), id -> gauges.update(view.counts(env.clock().instant())));
        Gauge.builder("slamon.api.view.tickets", view, TicketView::ticketCount)
                .description("Tickets in this instance's live view").register(env.registry());
    }

    public TicketView view() {
        return view;
    }

    /** The state topic's feed (the view is ready once it and the alerts feed caught up). */
    public TopicFeed feed() {
        return feed;
    }

    @Override
    public void mount(Router router, Guards guards) {
        router.get(V1 + "/tickets/:ticketId").handler(guards.role(Role.VIEWER)).handler(routes::get);
        router.get(V1 + "/tickets").handler(guards.role(Role.VIEWER)).handler(routes::list);
    }

    @Override
    public List<TopicFeed> feeds() {
        return List.of(feed);
    }
}
