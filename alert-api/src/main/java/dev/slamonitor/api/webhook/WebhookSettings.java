package dev.slamonitor.api.webhook;

import dev.slamonitor.config.AppConfig;
import java.time.Duration;

/**
 * The webhook sender's settings from configuration, read (and so validated) once, before it starts.
 *
 * @param timeout       connect and request timeout of one delivery
 * @param retryInitial  first retry delay
 * @param retryMax      longest retry delay
 * @param giveUpAfter   how long a failing delivery is retried before it is dead-lettered
 * @param dedupCapacity delivered alert ids remembered per receiver
 * @param groupId       consumer group shared by every API instance
 * @param maxBacklog    alerts waiting for the slowest receiver before consumption pauses
 */
public record WebhookSettings(Duration timeout, Duration retryInitial, Duration retryMax, Duration giveUpAfter,
                              int dedupCapacity, String groupId, int maxBacklog) {

    public static WebhookSettings from(AppConfig config) {
        return new WebhookSettings(config.duration("api.webhooks.timeout"), config.duration("api.webhooks.retry.initial"),
                config.duration("api.webhooks.retry.max"), config.duration("api.webhooks.give.up.after"),
                config.integer("api.webhooks.dedup.capacity", 1, 10_000_000), config.string("api.webhooks.group.id"),
                config.integer("api.webhooks.max.backlog", 1, 10_000_000));
    }
}
