package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads webhook receivers from the JSON file named by {@code api.webhooks.file} (none when unset):
 * <pre>{"receivers": [{"name": "oncall-slack", "url": "https://hooks.slack.com/services/...",
 *   "format": "slack", "severities": ["critical"], "tiers": [], "teams": ["payments"],
 *   "types": ["BREACH", "ESCALATION", "RENOTIFY"], "headers": {"Authorization": "Bearer ..."}}]}</pre>
 * Formats {@code slack}, {@code json}, {@code alertmanager}, {@code pagerduty}, {@code opsgenie},
 * {@code teams}, each with its own settings ({@code routingKey}, {@code apiKey}, {@code secret},
 * {@code ticketUrl}, {@code states}, {@code resendInterval}); {@code url} defaults to the tool's
 * public endpoint for pagerduty and opsgenie.
 * Any mistake fails start-up with the file, the receiver and the field named.
 */
public final class WebhookReceivers {

    private static final Set<String> FIELDS = Set.of("name", "url", "format", "severities", "tiers", "teams", "types",
            "headers", "states", "routingKey", "apiKey", "secret", "ticketUrl", "resendInterval");
    /** PagerDuty's documented default endpoint; tests and proxies configure another {@code url}. */
    static final String PAGERDUTY_URL = "https://events.pagerduty.com/v2/enqueue";
    static final String OPSGENIE_URL = "https://api.opsgenie.com";

    private WebhookReceivers() {
    }

    public static List<WebhookReceiver> load(AppConfig config) {
        var file = config.optional("api.webhooks.file");
        if (file.isEmpty()) {
            return List.of();
        }
        Path path = Path.of(file.get());
        try {
            return parse(Files.readAllBytes(path), path.toString(), config.string("api.webhooks.ticket.url"));
        } catch (IOException e) {
            throw new ConfigException("Cannot read webhook receivers from api.webhooks.file=" + path.toAbsolutePath()
                    + ": " + e.getMessage());
        }
    }

    static List<WebhookReceiver> parse(byte[] json, String source) {
        return parse(json, source, "http://localhost:8080/api/v1/tickets/{ticketId}");
    }

    static List<WebhookReceiver> parse(byte[] json, String source, String defaultTicketUrl) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw error(source, "", "not JSON: " + String.valueOf(e.getMessage()).split("\n", 2)[0]);
        }
        if (root == null || !root.isObject() || !root.path("receivers").isArray()) {
            throw error(source, "receivers", "expected {\"receivers\": [...]}");
        }
        List<WebhookReceiver> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode r : root.get("receivers")) {
            String where = "receivers[" + i++ + "]";
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    throw error(source, where + "." + f, "unknown field; known: " + FIELDS);
                }
            }
            String name = r.path("name").asText("");
            if (name.isBlank() || !names.add(name)) {
                throw error(source, where + ".name", "a non-blank name, unique in the file");
            }
            WebhookReceiver.Format format;
            try {
                format = WebhookReceiver.Format.valueOf(r.path("format").asText("json").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(source, where + ".format", "one of slack, json, alertmanager, pagerduty, opsgenie, teams");
            }
            String url = r.path("url").asText(format == WebhookReceiver.Format.PAGERDUTY ? PAGERDUTY_URL
                    : format == WebhookReceiver.Format.OPSGENIE ? OPSGENIE_URL : "");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw error(source, where + ".url", "an absolute http(s) URL");
            }
            try {
                URI.create(url);
            } catch (IllegalArgumentException e) {
                throw error(source, where + ".url", "a valid URL");
            }
            WebhookReceiver.Options options = options(r, format, source, where, defaultTicketUrl);
            Set<String> types = strings(r, "types", source, where);
            for (String t : types) {
                try {
                    AlertType.valueOf(t);
                } catch (IllegalArgumentException e) {
                    throw error(source, where + ".types", "alert types such as BREACH, ESCALATION ('" + t + "' is unknown)");
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            r.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            out.add(new WebhookReceiver(name, url, format, strings(r, "severities", source, where),
                    strings(r, "tiers", source, where), strings(r, "teams", source, where), types, Map.copyOf(headers),
                    options));
        }
        return List.copyOf(out);
    }

    private static WebhookReceiver.Options options(JsonNode r, WebhookReceiver.Format format, String source, String where,
                                                   String defaultTicketUrl) {
        String routingKey = text(r, "routingKey");
        if (format == WebhookReceiver.Format.PAGERDUTY && (routingKey == null || routingKey.length() != 32)) {
            throw error(source, where + ".routingKey", "the 32-character integration key of a PagerDuty Events API v2 integration");
        }
        String apiKey = text(r, "apiKey");
        if (format == WebhookReceiver.Format.OPSGENIE && (apiKey == null || apiKey.isBlank())) {
            throw error(source, where + ".apiKey", "the API key of an Opsgenie API integration");
        }
        String secret = text(r, "secret");
        if (secret != null && secret.length() < 16) {
            throw error(source, where + ".secret", "a signing secret of at least 16 characters");
        }
        String ticketUrl = text(r, "ticketUrl");
        ticketUrl = ticketUrl == null ? defaultTicketUrl : ticketUrl;
        if (!ticketUrl.startsWith("http://") && !ticketUrl.startsWith("https://")) {
            throw error(source, where + ".ticketUrl", "an absolute http(s) URL, {ticketId} replaced by the ticket");
        }
        Set<String> states = strings(r, "states", source, where);
        for (String s : states) {
            try {
                AlertState.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw error(source, where + ".states", "TRIGGERED, ACKNOWLEDGED, RESOLVED ('" + s + "' is unknown)");
            }
        }
        Duration resend = Duration.ofMinutes(1);
        String resendText = text(r, "resendInterval");
        if (resendText != null) {
            try {
                resend = AppConfig.parseDuration(resendText);
            } catch (RuntimeException e) {
                throw error(source, where + ".resendInterval", "a duration such as 30s or 1m");
            }
            if (resend.compareTo(Duration.ofSeconds(1)) < 0) {
                throw error(source, where + ".resendInterval", "at least 1s");
            }
        }
        return new WebhookReceiver.Options(routingKey, apiKey, secret, ticketUrl, states, resend);
    }

    private static String text(JsonNode r, String field) {
        JsonNode node = r.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Set<String> strings(JsonNode r, String field, String source, String where) {
        JsonNode node = r.get(field);
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw error(source, where + "." + field, "an array of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        node.forEach(v -> out.add(v.asText()));
        return Set.copyOf(out);
    }

    private static ConfigException error(String source, String field, String expected) {
        return new ConfigException("Webhook receivers file " + source + ": " + (field.isEmpty() ? "" : field + ": ")
                + expected + " (see docs/configuration.md, section Webhooks).");
    }
}
