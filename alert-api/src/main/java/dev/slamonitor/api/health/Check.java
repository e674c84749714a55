package dev.slamonitor.api.health;

import io.vertx.core.json.JsonObject;

/**
 * One readiness check's answer: its name, whether it is up, details for the health body and, when
 * down, the reason in words.
 */
public record Check(String name, boolean up, JsonObject details, String reason) {

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("status", up ? "UP" : "DOWN").mergeIn(details);
        if (!up && reason != null) {
            json.put("reason", reason);
        }
        return json;
    }
}
