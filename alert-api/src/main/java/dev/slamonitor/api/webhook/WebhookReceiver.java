package dev.slamonitor.api.webhook;

import dev.slamonitor.alert.Alert;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One configured webhook receiver: where to post, in which format, and which alerts it wants (an
 * empty set accepts any value). {@code headers} and the secrets in {@link Options} are sent, never
 * logged; the receiver is named by {@link #name()} in logs and metrics, never by its URL.
 */
public record WebhookReceiver(String name, String url, Format format, Set<String> severities, Set<String> tiers,
                              Set<String> teams, Set<String> types, Map<String, String> headers, Options options) {

    /** Payload shapes, one per on-call tool (docs/configuration.md, "Webhooks"). */
    public enum Format {
        /** Slack incoming-webhook message with Block Kit blocks (header, fields, context, link button) and a text fallback. */
        SLACK,
        /** The alert as published on the alerts topic (the {@code Alert} JSON contract), HMAC-signed when a secret is set. */
        JSON,
        /** Alertmanager API v2: {@code POST <url>/api/v2/alerts} with a one-element PostableAlerts array. */
        ALERTMANAGER,
        /** PagerDuty Events API v2: trigger / acknowledge / resolve with {@code dedup_key} = alert key. */
        PAGERDUTY,
        /** Opsgenie Alert API: create / acknowledge / close with {@code alias} = alert key. */
        OPSGENIE,
        /** Microsoft Teams Workflows (Power Automate) webhook: a message with one Adaptive Card. */
        TEAMS
    }

    /**
     * Per-format settings.
     *
     * @param routingKey PagerDuty integration key (required for {@code pagerduty})
     * @param apiKey     Opsgenie API integration key, sent as {@code Authorization: GenieKey ...} (required for {@code opsgenie})
     * @param secret     HMAC-SHA256 signing secret for {@code json} (optional: unsigned without it)
     * @param ticketUrl  link to a ticket, {@code {ticketId}} replaced (generatorURL, PagerDuty links, buttons)
     * @param states     lifecycle states wanted (TRIGGERED, ACKNOWLEDGED, RESOLVED); empty = all
     * @param resend     {@code alertmanager}: how often open alerts are posted again so that the
     *                   Alertmanager's resolve_timeout never expires them; posted {@code endsAt} is 4 x this ahead
     */
    public record Options(String routingKey, String apiKey, String secret, String ticketUrl, Set<String> states,
                          Duration resend) {

        public static final Options NONE = new Options(null, null, null, null, Set.of(), Duration.ofMinutes(1));
    }

    public WebhookReceiver(String name, String url, Format format, Set<String> severities, Set<String> tiers,
                           Set<String> teams, Set<String> types, Map<String, String> headers) {
        this(name, url, format, severities, tiers, teams, types, headers, Options.NONE);
    }

    public boolean matches(Alert a) {
        return in(severities, a.severity()) && in(tiers, a.tier()) && in(teams, a.team())
                && in(types, a.type() == null ? null : a.type().name())
                && in(options.states(), a.state().name());
    }

    private static boolean in(Set<String> wanted, String value) {
        // An alert without the attribute (e.g. a drift alert has no severity) does not pass a filter on it;
        // the null check also matters because Set.of(...).contains(null) throws.
        return wanted.isEmpty() || (value != null && wanted.contains(value));
    }
}
