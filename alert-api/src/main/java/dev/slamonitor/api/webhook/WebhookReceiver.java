package dev.slamonitor.api.webhook;

import dev.slamonitor.alert.Alert;
import java.util.Map;
import java.util.Set;

/**
 * One configured webhook receiver: where to post, in which format, and which alerts it wants (an
 * empty set accepts any value). {@code headers} may hold credentials: they are sent, never logged;
 * the receiver is named by {@link #name()} in logs and metrics, never by its URL.
 */
public record WebhookReceiver(String name, String url, Format format, Set<String> severities, Set<String> tiers,
                              Set<String> teams, Set<String> types, Map<String, String> headers) {

    /** Payload shapes. */
    public enum Format {
        /** Slack incoming-webhook message ({@code {"text": ...}}, mrkdwn), also accepted by Mattermost and Rocket.Chat. */
        SLACK,
        /** The alert as published on the alerts topic (the {@code Alert} JSON contract). */
        JSON
    }

    public boolean matches(Alert a) {
        return in(severities, a.severity()) && in(tiers, a.tier()) && in(teams, a.team())
                && in(types, a.type() == null ? null : a.type().name());
    }

    private static boolean in(Set<String> wanted, String value) {
        // An alert without the attribute (e.g. a drift alert has no severity) does not pass a filter on it;
        // the null check also matters because Set.of(...).contains(null) throws.
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }
}
