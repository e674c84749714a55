package dev.slamonitor.api.web;

import dev.slamonitor.api.kafka.KafkaPublisher;
import dev.slamonitor.api.kafka.Binding;
import dev.slamonitor.api.kafka.TopicFeed;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * What the API's features are built from, on the HTTP verticle's context: configuration read once,
 * the topics, the one publisher, the meter registry, the clock, and the feed factory whose updates are
 * applied on this context.
 */
public record ApiEnvironment(Vertx vertx, Context context, AppConfig config, ApiSettings settings, Topics topics,
                             TopicFeed.Timing timing, KafkaPublisher publisher, MeterRegistry registry, Clock clock) {

    /** Starts a feed of {@code bindings} applied on this environment's context. */
    public TopicFeed feed(String name, List<Binding<?>> bindings) {
        return TopicFeed.start(name, KafkaClientConfig.common(config), timing, context, bindings);
    }
}
