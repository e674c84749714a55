package dev.slamonitor.api.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries waiting for one receiver, sent one at a time in topic order. A failure (network,
 * timeout, 408, 429, 5xx) is retried with exponential backoff, waiting at least what a
 * {@code Retry-After} header asks for (capped at the give-up age); a permanent refusal (another 4xx,
 * e.g. PagerDuty's 400 "invalid event") is dead-lettered at once and an alert older than the give-up
 * age after its last attempt ({@code WEBHOOK_UNDELIVERABLE}, counted by cause) and skipped,
 * so a dead receiver cannot hold the others' commits forever. An alertId this receiver already got
 * (or has queued) is not sent again. Each delivery is reported done to the tracker exactly once.
 * Not thread-safe: owned by the webhook verticle's context.
 */
final class ReceiverQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverQueue.class);

    /** Sends one delivery; fails when no response came. */
    interface Sender {
        Future<Attempt> send(WebhookReceiver receiver, Delivery delivery);
    }

    /**
     * The response to one attempt.
     *
     * @param retryAfter what the receiver's {@code Retry-After} asked for, or null
     * @param detail     a short excerpt of the response body for the dead letter, or null
     */
    record Attempt(int status, Duration retryAfter, String detail) {

        static Attempt of(int status) {
            return new Attempt(status, null, null);
        }
    }

    private final WebhookReceiver receiver;
    private final Sender sender;
    private final BiFunction<Delivery, String, Future<Void>> deadLetters;
    private final Vertx vertx;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final OffsetTracker tracker;
    private final Clock clock;
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final Set<String> queuedIds = new HashSet<>();
    private final LinkedHashMap<String, Boolean> delivered;
    private final Counter ok;
    private final Counter failed;
    private final Counter gaveUp;
    private final Counter deduplicated;
    private final Counter rejected;
    private final Counter expired;
    private final Timer latency;
    private boolean busy;
    private int attempts;

    ReceiverQueue(WebhookReceiver receiver, Sender sender, BiFunction<Delivery, String, Future<Void>> deadLetters, Vertx vertx,
                  Backoff backoff, Duration giveUpAfter, int dedupCapacity, OffsetTracker tracker, Clock clock,
                  MeterRegistry registry) {
        this.receiver = receiver;
        this.sender = sender;
        this.deadLetters = deadLetters;
        this.vertx = vertx;
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
        this.tracker = tracker;
        this.clock = clock;
        this.delivered = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > dedupCapacity;
            }
        };
        this.ok = counter(registry, "delivered");
        this.failed = counter(registry, "failed");
        this.gaveUp = counter(registry, "gave_up");
        this.deduplicated = counter(registry, "deduplicated");
        this.rejected = undeliverable(registry, "rejected");
        this.expired = undeliverable(registry, "expired");
        this.latency = Timer.builder("slamon.webhook.delivery.latency")
                .description("From the alert firing to the receiver accepting it, retries included")
                .tag("receiver", receiver.name())
                .publishPercentiles(0.5, 0.99) // p50/p99 per receiver without a histogram query (decaying over ~2 min)
                .register(registry);
    }

    private Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("slamon.webhook.deliveries").description("Webhook delivery attempts by outcome")
                .tag("receiver", receiver.name()).tag("outcome", outcome).register(registry);
    }

    private Counter undeliverable(MeterRegistry registry, String cause) {
        return Counter.builder("slamon.webhook.undeliverable")
                .description("Alerts dead-lettered for a receiver: rejected (permanent 4xx) or expired (give-up age)")
                .tag("receiver", receiver.name()).tag("cause", cause).register(registry);
    }

    void offer(Delivery d) {
        String id = d.alert().alertId();
        if (delivered.containsKey(id) || queuedIds.contains(id)) {
            deduplicated.increment();
            tracker.done(d.source(), d.offset());
            return;
        }
        queue.add(d);
        queuedIds.add(id);
        pump();
    }

    int backlog() {
        return queue.size();
    }

    private void pump() {
        if (busy || queue.isEmpty()) {
            return;
        }
        busy = true;
        attempt(queue.peek());
    }

    private void attempt(Delivery d) {
        sender.send(receiver, d).onComplete(result -> {
            int status = result.succeeded() ? result.result().status() : -1;
            if (status >= 200 && status < 300) {
                delivered.put(d.alert().alertId(), Boolean.TRUE);
                ok.increment();
                Instant fired = d.alert().firedAt() != null ? d.alert().firedAt() : d.receivedAt();
                latency.record(Duration.between(fired, clock.instant()).abs());
                finish(d);
                return;
            }
            failed.increment();
            attempts++;
            String detail = result.succeeded() ? result.result().detail() : null;
            String why = status < 0 ? String.valueOf(result.cause())
                    : "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            boolean tooOld = Duration.between(d.receivedAt(), clock.instant()).compareTo(giveUpAfter) >= 0;
            if (permanent || tooOld) {
                (permanent ? rejected : expired).increment();
                giveUp(d, (permanent ? "permanent refusal, " : "gave up after " + giveUpAfter + ", ") + why);
            } else {
                Duration wait = backoff.delay(attempts);
                Duration asked = result.succeeded() ? result.result().retryAfter() : null;
                if (asked != null && asked.compareTo(wait) > 0) {
                    wait = asked.compareTo(giveUpAfter) > 0 ? giveUpAfter : asked;
                }
                LOG.debug("Receiver {} failed alert {} ({}); retry {} in {}", receiver.name(), d.alert().alertId(), why, attempts, wait);
                vertx.setTimer(Math.max(1, wait.toMillis()), t -> attempt(d));
            }
        });
    }

    private void giveUp(Delivery d, String why) {
        LOG.warn("Receiver {} did not accept alert {} after {} attempts ({}); dead-lettering it", receiver.name(),
                d.alert().alertId(), attempts, why);
        deadLetters.apply(d, why).onComplete(written -> {
            if (written.succeeded()) {
                gaveUp.increment();
                finish(d);
            } else {
                // Not durably recorded: keep the alert and try the receiver again later.
                vertx.setTimer(backoff.delay(attempts).toMillis(), t -> attempt(d));
            }
        });
    }

    private void finish(Delivery d) {
        queue.poll();
        queuedIds.remove(d.alert().alertId());
        attempts = 0;
        busy = false;
        tracker.done(d.source(), d.offset());
        pump();
    }
}
