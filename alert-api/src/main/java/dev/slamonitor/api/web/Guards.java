package dev.slamonitor.api.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * What a route puts before its handler: authentication with a role, and for routes with a body the
 * bounded body reader, always after authentication (an unauthenticated caller never gets its body
 * buffered).
 */
public record Guards(BearerAuth auth, Handler<RoutingContext> body) {

    /** Lets through keys holding any of {@code roles}. */
    public Handler<RoutingContext> role(Role... roles) {
        return auth.require(roles);
    }
}
