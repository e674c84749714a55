package dev.slamonitor.api.webhook;

import dev.slamonitor.api.kafka.KafkaPublisher;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import dev.slamonitor.alert.Alert;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Webhook delivery: routes each alert from the shared consumer group to the receivers that want it
 * and sends it with retries, one {@link ReceiverQueue} per receiver so a slow or dead receiver never
 * delays the others. Delivery guarantee: at least once per receiver, de-duplicated by alertId within
 * this process; an offset is committed only when every receiver delivered or dead-lettered it.
 */
public final class WebhookVerticle extends VerticleBase {

    private final AppConfig config;
    private final List<WebhookReceiver> receivers;
    private final KafkaPublisher publisher;
    private final Topics topics;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, ReceiverQueue> queues = new HashMap<>();
    private final Map<String, AlertmanagerLeases> leases = new HashMap<>();
    private final Supplier<Future<List<Alert>>> openAlerts;
    private AlertGroupConsumer consumer;
    private WebClient client;

    /**
     * @param openAlerts the first notices of the conditions still open (the API's alert read model), so
     *                   that Alertmanager receivers keep re-posting alerts delivered before a restart
     */
    public WebhookVerticle(AppConfig config, List<WebhookReceiver> receivers, KafkaPublisher publisher, Topics topics,
                           MeterRegistry registry, Clock clock, Supplier<Future<List<Alert>>> openAlerts) {
        this.openAlerts = openAlerts;
        this.config = config;
        this.receivers = receivers;
        this.publisher = publisher;
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        WebhookSettings settings = WebhookSettings.from(config);
        long timeout = settings.timeout().toMillis();
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeout)
                .setUserAgent("sla-monitor-webhooks").setFollowRedirects(false));
        OffsetTracker tracker = new OffsetTracker();
        Backoff backoff = new Backoff(settings.retryInitial(), settings.retryMax());
        Context context = vertx.getOrCreateContext();
        for (WebhookReceiver r : receivers) {
            if (r.format() == WebhookReceiver.Format.ALERTMANAGER) {
                AlertmanagerLeases l = new AlertmanagerLeases(r);
                leases.put(r.name(), l);
                vertx.setPeriodic(r.options().resend().toMillis(), id -> refresh(r, l, timeout));
            }
            queues.put(r.name(), new ReceiverQueue(r, (receiver, d) -> send(receiver, d, timeout),
                    (d, why) -> deadLetter(context, r, d, why), vertx, backoff, settings.giveUpAfter(),
                    settings.dedupCapacity(), tracker, clock, registry));
        }
        consumer = new AlertGroupConsumer(KafkaClientConfig.common(config), settings.groupId(),
                topics.alerts().name(), receivers, tracker, settings.maxBacklog(), clock,
                routed -> context.runOnContext(v -> routed.forEach((r, list) -> list.forEach(queues.get(r.name())::offer))));
        consumer.start();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return vertx.executeBlocking(() -> {
            consumer.close();
            return null;
        }).onComplete(v -> client.close());
    }

    private Future<ReceiverQueue.Attempt> send(WebhookReceiver receiver, Delivery d, long timeout) {
        OutboundRequest out = Payloads.render(receiver, d, leases.get(receiver.name()), clock.instant());
        HttpRequest<Buffer> request = client.postAbs(out.url()).timeout(timeout)
                .putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", d.alert().alertId())
                .putHeader("X-Slamon-Alert-Id", d.alert().alertId())
                .putHeader("X-Slamon-Alert-Key", d.alert().alertKey())
                .putHeader("X-Slamon-Alert-State", d.alert().state().name());
        out.headers().forEach(request::putHeader);
        receiver.headers().forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer(out.body())).map(response -> new ReceiverQueue.Attempt(response.statusCode(),
                RetryAfter.parse(response.getHeader("Retry-After"), clock.instant()),
                response.statusCode() >= 300 ? excerpt(response.bodyAsString()) : null));
    }

    /** Re-posts a receiver's open Alertmanager alerts so that none expires while its condition holds. */
    private void refresh(WebhookReceiver receiver, AlertmanagerLeases l, long timeout) {
        openAlerts.get().onComplete(open -> {
            if (open.succeeded()) {
                open.result().stream().filter(receiver::matches).forEach(a -> l.adopt(a, clock.instant()));
            }
            l.refresh(clock.instant()).forEach(out -> post(receiver, out, timeout));
        });
    }

    private void post(WebhookReceiver receiver, OutboundRequest out, long timeout) {
        HttpRequest<Buffer> request = client.postAbs(out.url()).timeout(timeout).putHeader("Content-Type", "application/json");
        receiver.headers().forEach(request::putHeader);
        request.sendBuffer(Buffer.buffer(out.body())).onComplete(r -> {
            boolean ok = r.succeeded() && r.result().statusCode() < 300;
            registry.counter("slamon.webhook.refreshes", "receiver", receiver.name(), "outcome", ok ? "ok" : "failed")
                    .increment();
        });
    }

    private static String excerpt(String body) {
        if (body == null) {
            return null;
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private Future<Void> deadLetter(Context context, WebhookReceiver receiver, Delivery d, String why) {
        DeadLetter letter = new DeadLetter(DeadLetterReason.WEBHOOK_UNDELIVERABLE, "receiver " + receiver.name()
                + " did not accept the alert: " + why, d.source().topic(), d.source().partition(), d.offset(), clock.instant());
        return publisher.send(context, List.of(new ProducerRecord<>(topics.deadLetters().name(), null, d.key(), d.raw(),
                letter.toHeaders())));
    }
}
