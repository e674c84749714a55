package dev.slamonitor.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.api.web.ApiKeys;
import dev.slamonitor.api.web.BearerAuth;
import dev.slamonitor.api.kafka.KafkaPublisher;
import dev.slamonitor.api.tickets.TicketView;
import dev.slamonitor.api.web.Problems;
import dev.slamonitor.api.web.Responses;
import dev.slamonitor.event.Violation;
import dev.slamonitor.json.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /alerts/{alertId}/ack} with {@code {"note": "..."}}: publishes an {@link AlertAck} to
 * the acks topic, keyed like the alert (ticketId), for the processor to stop the re-notify chain.
 * The ack records the principal (the API key's configured name) as {@code by}; a {@code by} in the
 * body is free text and only kept in the note. The ackId derives from alertId and the principal, so
 * a double click is one ack. {@link #publish} is the one way acks reach the topic (integrations too).
 */
public final class AckRoute {

    private static final Logger LOG = LoggerFactory.getLogger(AckRoute.class);
    private static final Set<String> FIELDS = Set.of("by", "note");

    private final TicketView view;
    private final KafkaPublisher publisher;
    private final String topic;
    private final Clock clock;

    public AckRoute(TicketView view, KafkaPublisher publisher, String topic, Clock clock) {
        this.view = view;
        this.publisher = publisher;
        this.topic = topic;
        this.clock = clock;
    }

    public void ack(RoutingContext ctx) {
        String type = String.valueOf(ctx.request().getHeader("Content-Type"));
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            Problems.send(ctx, 415, "unsupported-media-type", "Unsupported media type",
                    "Send the acknowledgement as 'Content-Type: application/json'.");
            return;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (IOException e) {
            Problems.invalid(ctx, "The body is not JSON.", List.of(new Violation("", String.valueOf(e.getMessage()).split("\n")[0])));
            return;
        }
        List<Violation> violations = validate(body);
        if (!violations.isEmpty()) {
            Problems.invalid(ctx, "The acknowledgement was refused.", violations);
            return;
        }
        String alertId = ctx.pathParam("alertId");
        var alert = view.alert(alertId);
        if (alert.isEmpty()) {
            Problems.send(ctx, 404, "alert-not-found", "Alert not found", "No alert '" + alertId + "' in the live view.");
            return;
        }
        ApiKeys.Principal principal = ctx.get(BearerAuth.PRINCIPAL);
        String onBehalf = body.hasNonNull("by") ? body.get("by").asText() : null;
        String note = body.hasNonNull("note") ? body.get("note").asText() : null;
        if (onBehalf != null && !onBehalf.equals(principal.name())) {
            note = "for " + onBehalf + (note == null ? "" : ": " + note);
        }
        Alert a = alert.get();
        publish(ctx.vertx().getOrCreateContext(), a, principal.name(), note)
                .onSuccess(ack -> {
                    LOG.info("Alert {} ({} of ticket {}) acknowledged with key '{}'", alertId, a.type(), a.ticketId(),
                            principal.name());
                    Responses.json(ctx, 202, ack);
                })
                .onFailure(e -> {
                    ctx.response().putHeader("Retry-After", "5");
                    Problems.send(ctx, 503, "kafka-unavailable", "Service unavailable",
                            "The acknowledgement could not be written to Kafka. Retry later.", e);
                });
    }

    /** Publishes the acknowledgement of {@code a} by {@code principal}; the ackId derives from both. */
    public Future<AlertAck> publish(Context context, Alert a, String principal, String note) {
        AlertAck ack = new AlertAck(Alert.idOf("ack", a.alertId(), principal), a.alertId(), a.ticketId(), principal, note,
                clock.instant());
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(ack);
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        return publisher.send(context, List.of(new ProducerRecord<>(topic, a.partitionKey(), bytes))).map(v -> ack);
    }

    private static List<Violation> validate(JsonNode body) {
        List<Violation> out = new ArrayList<>();
        if (body == null || !body.isObject()) {
            out.add(new Violation("", "expected a JSON object {\"note\": ...}"));
            return out;
        }
        JsonNode by = body.get("by");
        if (by != null && !by.isNull() && (!by.isTextual() || by.asText().isBlank() || by.asText().length() > 200)) {
            out.add(new Violation("by", "expected a non-blank string of at most 200 characters"));
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && (!note.isTextual() || note.asText().length() > 2000)) {
            out.add(new Violation("note", "expected a string of at most 2000 characters"));
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                out.add(new Violation(field, "unknown field"));
            }
        }
        return out;
    }
}
