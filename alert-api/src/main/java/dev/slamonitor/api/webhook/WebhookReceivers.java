package dev.slamonitor.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Any mistake fails start-up with the file, the receiver and the field named.
 */
public final class WebhookReceivers {

    private static final Set<String> FIELDS = Set.of("name", "url", "format", "severities", "tiers", "teams", "types", "headers");

    private WebhookReceivers() {
    }

    public static List<WebhookReceiver> load(AppConfig config) {
        var file = config.optional("api.webhooks.file");
        if (file.isEmpty()) {
            return List.of();
        }
        Path path = Path.of(file.get());
        try {
            return parse(Files.readAllBytes(path), path.toString());
        } catch (IOException e) {
            throw new ConfigException("Cannot read webhook receivers from api.webhooks.file=" + path.toAbsolutePath()
                    + ": " + e.getMessage());
        }
    }

    static List<WebhookReceiver> parse(byte[] json, String source) {
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
            String url = r.path("url").asText("");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw error(source, where + ".url", "an absolute http(s) URL");
            }
            try {
                URI.create(url);
            } catch (IllegalArgumentException e) {
                throw error(source, where + ".url", "a valid URL");
            }
            WebhookReceiver.Format format;
            try {
                format = WebhookReceiver.Format.valueOf(r.path("format").asText("json").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(source, where + ".format", "slack or json");
            }
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
                    strings(r, "tiers", source, where), strings(r, "teams", source, where), types, Map.copyOf(headers)));
        }
        return List.copyOf(out);
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
