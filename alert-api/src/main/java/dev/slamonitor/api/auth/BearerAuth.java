package dev.slamonitor.api.auth;

import dev.slamonitor.api.http.Problems;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Route guard: {@code Authorization: Bearer <key>} must name a configured key (else 401 with
 * {@code WWW-Authenticate}) holding one of the route's roles (else 403). The authenticated name is
 * put on the context under {@link #PRINCIPAL} for handlers and logs.
 */
public final class BearerAuth {

    public static final String PRINCIPAL = "principal";
    private static final String PREFIX = "Bearer ";

    private final ApiKeys keys;

    public BearerAuth(ApiKeys keys) {
        this.keys = keys;
    }

    /** A handler letting through keys with any of the given roles; no roles means any valid key. */
    public Handler<RoutingContext> require(Role... anyOf) {
        Set<Role> allowed = anyOf.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.copyOf(Arrays.asList(anyOf));
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            String key = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    ? header.substring(PREFIX.length()).trim() : null;
            var principal = keys.authenticate(key);
            if (principal.isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"sla-monitor\"");
                Problems.send(ctx, 401, "unauthorized", "Unauthorized",
                        "Send a configured API key as 'Authorization: Bearer <key>'.");
                return;
            }
            if (principal.get().roles().stream().noneMatch(allowed::contains)) {
                Problems.send(ctx, 403, "forbidden", "Forbidden", "Key '" + principal.get().name()
                        + "' lacks the role this route needs: one of "
                        + allowed.stream().map(Role::wire).toList() + ".");
                return;
            }
            ctx.put(PRINCIPAL, principal.get());
            ctx.next();
        };
    }
}
