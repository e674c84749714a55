package dev.slamonitor.api.ingest;

import dev.slamonitor.api.web.ApiEnvironment;
import dev.slamonitor.api.web.Feature;
import dev.slamonitor.api.web.Guards;
import dev.slamonitor.api.web.Role;
import dev.slamonitor.event.TicketEventReader;
import io.vertx.ext.web.Router;

/** HTTP ingest of ticket events ({@code POST /events}, {@code POST /events/batch}) for publisher keys. */
public final class IngestFeature implements Feature {

    private final IngestRoutes routes;

    public IngestFeature(ApiEnvironment env) {
        this.routes = new IngestRoutes(TicketEventReader.from(env.config()), env.publisher(), env.topics().events().name(),
                env.settings().batchMaxEvents(), new RecentIds(env.settings().dedupCapacity()));
    }

    @Override
    public void mount(Router router, Guards guards) {
        router.post(V1 + "/events").handler(guards.role(Role.PUBLISHER)).handler(guards.body()).handler(routes::single);
        router.post(V1 + "/events/batch").handler(guards.role(Role.PUBLISHER)).handler(guards.body()).handler(routes::batch);
    }
}
