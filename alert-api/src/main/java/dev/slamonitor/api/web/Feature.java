package dev.slamonitor.api.web;

import dev.slamonitor.api.kafka.TopicFeed;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * One feature of the API (tickets, alerts, ingest, knowledge, refunds): it mounts its routes behind
 * the API's guards and names the topic feeds its views read, which readiness covers. A feature is
 * built on the HTTP verticle's context, and its views live there.
 */
public interface Feature {

    /** The prefix of every versioned route. */
    String V1 = "/api/v1";

    /** Adds this feature's routes to {@code router}, each behind the guard its role needs. */
    void mount(Router router, Guards guards);

    /** The feeds this feature's views read (none by default). */
    default List<TopicFeed> feeds() {
        return List.of();
    }
}
