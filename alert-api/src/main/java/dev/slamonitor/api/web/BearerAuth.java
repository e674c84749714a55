package dev.slamonitor.api.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Route guard: {@code Authorization: Bearer <key>} must name a configured key (else 401 with
 * {@code WWW-Authenticate}) holding one of the route's roles (else 403), within the key's rate limit
 * (else 429). A wrong key counts against the caller address's failed-authentication allowance; an
 * address that used it up gets 429 before its key is even looked at. The authenticated name is put on
 * the context under {@link #PRINCIPAL} for handlers and logs; no answer ever names a key.
 *
 * <p>The guard runs before the body is read (routes put it ahead of their body handler), so an
 * unauthenticated caller costs no body buffering.
 */
public final class BearerAuth {

    public static final String PRINCIPAL = "principal";
    private static final String PREFIX = "Bearer ";

    private final ApiKeys keys;
    private final RequestLimits limits;

    public BearerAuth(ApiKeys keys, RequestLimits limits) {
        this.keys = keys;
        this.limits = limits;
    }

    /** A handler letting through keys with any of the given roles; no roles means any valid key. */
    public Handler<RoutingContext> require(Role... anyOf) {
        Set<Role> allowed = anyOf.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.copyOf(Arrays.asList(anyOf));
        return ctx -> {
            if (limits.refuseLockedOut(ctx)) {
                return;
            }
            String header = ctx.request().getHeader("Authorization");
            String key = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                    ? header.substring(PREFIX.length()).trim() : null;
            var principal = keys.authenticate(key);
            if (principal.isEmpty()) {
                if (key != null && !key.isEmpty()) {
                    limits.authenticationFailed(ctx);
                }
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"sla-monitor\"");
                Problems.send(ctx, 401, "unauthorized", "Unauthorized",
                        "Send a configured API key as 'Authorization: Bearer <key>'.");
                return;
            }
            if (principal.get().roles().stream().noneMatch(allowed::contains)) {
                Problems.send(ctx, 403, "forbidden", "Forbidden", "This key lacks the role this route needs: one of "
                        + allowed.stream().map(Role::wire).toList() + ".");
                return;
            }
            if (limits.refuseKey(ctx, principal.get().name())) {
                return;
            }
            ctx.put(PRINCIPAL, principal.get());
            ctx.next();
        };
    }
}
