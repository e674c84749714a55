package dev.slamonitor.api.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The alerts seen for one ticket on the alerts topic, oldest first, each kept as its JSON bytes
 * (the topic's own format, so decoding gives back an equal alert) instead of an object graph. An
 * alertId seen again replaces its alert in place; past {@code max} the oldest is forgotten.
 */
final class TicketAlerts {

    private String[] ids = new String[2];
    private byte[][] json = new byte[2][];
    private int size;

    /** Adds or replaces {@code alert}; the alertId forgotten to make room, or null. */
    String put(Alert alert, int max) {
        byte[] bytes = bytes(alert);
        for (int i = 0; i < size; i++) {
            if (ids[i].equals(alert.alertId())) {
                json[i] = bytes;
                return null;
            }
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            json = Arrays.copyOf(json, size * 2);
        }
        ids[size] = alert.alertId();
        json[size] = bytes;
        size++;
        if (size > max) {
            String evicted = ids[0];
            System.arraycopy(ids, 1, ids, 0, size - 1);
            System.arraycopy(json, 1, json, 0, size - 1);
            size--;
            ids[size] = null;
            json[size] = null;
            return evicted;
        }
        return null;
    }

    List<String> ids() {
        return Arrays.asList(ids).subList(0, size);
    }

    List<Alert> alerts() {
        List<Alert> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            try {
                out.add(Json.mapper().readValue(json[i], Alert.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static byte[] bytes(Alert alert) {
        try {
            return Json.mapper().writeValueAsBytes(alert);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
