package dev.slamonitor.api.webhook;

import dev.slamonitor.api.ingest.KafkaPublisher;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.Json;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private AlertGroupConsumer consumer;
    private WebClient client;

    public WebhookVerticle(AppConfig config, List<WebhookReceiver> receivers, KafkaPublisher publisher, Topics topics,
                           MeterRegistry registry, Clock clock) {
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

    private Future<Integer> send(WebhookReceiver receiver, Delivery d, long timeout) {
        HttpRequest<Buffer> request = client.postAbs(receiver.url()).timeout(timeout)
                .putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", d.alert().alertId())
                .putHeader("X-Slamon-Alert-Id", d.alert().alertId());
        receiver.headers().forEach(request::putHeader);
        Buffer body = receiver.format() == WebhookReceiver.Format.SLACK
                ? Buffer.buffer(bytes(SlackPayload.of(d.alert()))) : Buffer.buffer(d.raw());
        return request.sendBuffer(body).map(response -> response.statusCode());
    }

    private Future<Void> deadLetter(Context context, WebhookReceiver receiver, Delivery d, String why) {
        DeadLetter letter = new DeadLetter(DeadLetterReason.WEBHOOK_UNDELIVERABLE, "receiver " + receiver.name()
                + " did not accept the alert: " + why, d.source().topic(), d.source().partition(), d.offset(), clock.instant());
        return publisher.send(context, List.of(new ProducerRecord<>(topics.deadLetters().name(), null, d.key(), d.raw(),
                letter.toHeaders())));
    }

    private static byte[] bytes(Object node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
