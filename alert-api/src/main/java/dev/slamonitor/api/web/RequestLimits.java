package dev.slamonitor.api.web;

import dev.slamonitor.config.AppConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.function.LongSupplier;

/**
 * The API's rate limits, read once from {@code api.rate.limit.*}: requests per client address (checked
 * before anything else), requests per API key (after authentication) and failed authentications per
 * address. A refused request gets 429 problem+json with {@code Retry-After}; the
 * {@code slamon_api_rate_limited_total{limit}} counter counts refusals.
 *
 * <p>Failed authentications lock an address out: once its failure bucket is empty every request from
 * it that needs a key gets 429, even with a valid key, until a token comes back, so keys cannot be
 * guessed at speed. The client address is the TCP peer (behind a proxy: the proxy's).
 */
public final class RequestLimits {

    private final TokenBuckets<String> byAddress;
    private final TokenBuckets<String> byKey;
    private final TokenBuckets<String> authFailures;
    private final Counter addressRefusals;
    private final Counter keyRefusals;
    private final Counter failureRefusals;

    public RequestLimits(AppConfig config, MeterRegistry registry, LongSupplier nanoClock) {
        int tracked = config.integer("api.rate.limit.tracked", 1, 10_000_000);
        this.byAddress = new TokenBuckets<>(config.integer("api.rate.limit.address.per.second", 0, 10_000_000),
                config.integer("api.rate.limit.address.burst", 1, 10_000_000), tracked, nanoClock);
        this.byKey = new TokenBuckets<>(config.integer("api.rate.limit.key.per.second", 0, 10_000_000),
                config.integer("api.rate.limit.key.burst", 1, 10_000_000), tracked, nanoClock);
        this.authFailures = new TokenBuckets<>(config.integer("api.rate.limit.auth.failures.per.minute", 0, 10_000_000) / 60.0,
                config.integer("api.rate.limit.auth.failures.burst", 1, 10_000_000), tracked, nanoClock);
        this.addressRefusals = counter(registry, "address");
        this.keyRefusals = counter(registry, "key");
        this.failureRefusals = counter(registry, "auth_failures");
    }

    /** Limits from configuration, not counted in any registry (tests, tools). */
    public static RequestLimits of(AppConfig config) {
        return new RequestLimits(config, new CompositeMeterRegistry(), System::nanoTime);
    }

    private static Counter counter(MeterRegistry registry, String limit) {
        return Counter.builder("slamon.api.rate.limited").tag("limit", limit)
                .description("Requests refused with 429 by a rate limit").register(registry);
    }

    /** Router handler: one token of the caller's address bucket, else 429. */
    public Handler<RoutingContext> perAddress() {
        return ctx -> {
            long wait = byAddress.tryTake(address(ctx));
            if (wait > 0) {
                addressRefusals.increment();
                Problems.tooManyRequests(ctx, TokenBuckets.retryAfterSeconds(wait),
                        "This client address sent more requests than api.rate.limit.address.per.second allows.");
                return;
            }
            ctx.next();
        };
    }

    /** True (and 429 sent) when the caller's address used up its failed-authentication allowance. */
    public boolean refuseLockedOut(RoutingContext ctx) {
        long wait = authFailures.waitFor(address(ctx));
        if (wait > 0) {
            failureRefusals.increment();
            Problems.tooManyRequests(ctx, TokenBuckets.retryAfterSeconds(wait),
                    "Too many failed authentications from this address (api.rate.limit.auth.failures.per.minute).");
            return true;
        }
        return false;
    }

    /** Records one failed authentication of the caller's address. */
    public void authenticationFailed(RoutingContext ctx) {
        authFailures.tryTake(address(ctx));
    }

    /** True (and 429 sent) when the authenticated key used up its allowance. */
    public boolean refuseKey(RoutingContext ctx, String keyName) {
        long wait = byKey.tryTake(keyName);
        if (wait > 0) {
            keyRefusals.increment();
            Problems.tooManyRequests(ctx, TokenBuckets.retryAfterSeconds(wait),
                    "This API key sent more requests than api.rate.limit.key.per.second allows.");
            return true;
        }
        return false;
    }

    private static String address(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
