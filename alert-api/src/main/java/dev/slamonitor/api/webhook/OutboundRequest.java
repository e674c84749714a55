package dev.slamonitor.api.webhook;

import dev.slamonitor.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** One HTTP POST a payload format asks for: where, which extra headers (may hold credentials, never logged), what body. */
record OutboundRequest(String url, Map<String, String> headers, byte[] body) {

    static OutboundRequest json(String url, Map<String, String> headers, Object body) {
        return new OutboundRequest(url, headers, bytes(body));
    }

    static byte[] bytes(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
