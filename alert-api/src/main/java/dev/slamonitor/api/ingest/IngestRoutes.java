package dev.slamonitor.api.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.api.kafka.KafkaPublisher;
import dev.slamonitor.api.web.Problems;
import dev.slamonitor.event.ParseOutcome;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketEventReader;
import dev.slamonitor.event.Violation;
import dev.slamonitor.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * HTTP ingest of ticket events: {@code POST /events} (one event) and {@code POST /events/batch} (a
 * JSON array). Bodies are validated with the same {@link TicketEventReader} the processor uses; a
 * batch is all-or-nothing, and every refusal names each bad field ({@code [2].customer.id} in a
 * batch). Accepted events go to the events topic keyed by ticketId, and 202 is sent only after the
 * broker acknowledged them, so a 202 means "durably accepted".
 */
public final class IngestRoutes {

    private final TicketEventReader reader;
    private final KafkaPublisher publisher;
    private final String topic;
    private final int maxBatch;
    private final RecentIds recent;

    public IngestRoutes(TicketEventReader reader, KafkaPublisher publisher, String topic, int maxBatch, RecentIds recent) {
        this.reader = reader;
        this.publisher = publisher;
        this.topic = topic;
        this.maxBatch = maxBatch;
        this.recent = recent;
    }

    private record Accepted(TicketEvent event, byte[] bytes) {
    }

    public void single(RoutingContext ctx) {
        if (!isJson(ctx)) {
            return;
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        ParseOutcome outcome = reader.read(body);
        if (!outcome.isAccepted()) {
            Problems.invalid(ctx, "The event was refused (" + outcome.reason() + ").", outcome.violations());
            return;
        }
        publish(ctx, List.of(new Accepted(outcome.event(), body)));
    }

    public void batch(RoutingContext ctx) {
        if (!isJson(ctx)) {
            return;
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (IOException e) {
            Problems.invalid(ctx, "The body is not JSON.", List.of(new Violation("", firstLine(e.getMessage()))));
            return;
        }
        if (tree == null || !tree.isArray()) {
            Problems.invalid(ctx, "A batch is a JSON array of ticket events.", List.of(new Violation("", "expected an array")));
            return;
        }
        if (tree.isEmpty()) {
            Problems.invalid(ctx, "A batch needs at least one event.", List.of(new Violation("", "empty array")));
            return;
        }
        if (tree.size() > maxBatch) {
            Problems.send(ctx, 413, "batch-too-large", "Batch too large",
                    "A batch holds at most " + maxBatch + " events (api.ingest.batch.max.events); this one has " + tree.size() + ".");
            return;
        }
        List<Accepted> accepted = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            ParseOutcome outcome = reader.read(tree.get(i));
            if (outcome.isAccepted()) {
                accepted.add(new Accepted(outcome.event(), bytes(tree.get(i))));
            } else {
                for (Violation v : outcome.violations()) {
                    violations.add(new Violation("[" + i + "]" + (v.field().isEmpty() ? "" : "." + v.field()), v.message()));
                }
            }
        }
        if (!violations.isEmpty()) {
            Problems.invalid(ctx, "The batch was refused as a whole: fix the events named below and send it again.", violations);
            return;
        }
        publish(ctx, accepted);
    }

    private void publish(RoutingContext ctx, List<Accepted> events) {
        Map<String, Accepted> unique = new LinkedHashMap<>();
        List<String> already = new ArrayList<>();
        for (Accepted a : events) {
            String id = a.event().eventId();
            if (recent.contains(id) || unique.containsKey(id)) {
                already.add(id);
            } else {
                unique.put(id, a);
            }
        }
        List<ProducerRecord<String, byte[]>> records = unique.values().stream()
                .map(a -> new ProducerRecord<>(topic, a.event().ticketId(), a.bytes())).toList();
        publisher.send(ctx.vertx().getOrCreateContext(), records).onComplete(result -> {
            if (result.failed()) {
                ctx.response().putHeader("Retry-After", "5");
                Problems.send(ctx, 503, "kafka-unavailable", "Service unavailable", "The " + records.size()
                        + " events could not be written to Kafka; nothing was accepted. Retry later (idempotent on eventId).",
                        result.cause());
                return;
            }
            unique.keySet().forEach(recent::add);
            JsonArray ids = new JsonArray();
            events.forEach(a -> ids.add(a.event().eventId()));
            ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("accepted", ids).put("alreadyAccepted", new JsonArray(already)).encode());
        });
    }

    private static boolean isJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String base = type == null ? "" : type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (base.equals("application/json") || base.endsWith("+json")) {
            return true;
        }
        Problems.send(ctx, 415, "unsupported-media-type", "Unsupported media type",
                "Send ticket events as 'Content-Type: application/json' (got '" + (type == null ? "none" : type) + "').");
        return false;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.split("\n", 2)[0];
    }
}
