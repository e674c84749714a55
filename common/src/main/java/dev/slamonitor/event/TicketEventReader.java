package dev.slamonitor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns untrusted bytes or JSON trees into {@link TicketEvent}s, checking them against the published
 * JSON Schema first so that every refusal names the offending fields. Used by the stream processor
 * (bad records become dead letters) and by the HTTP ingest (bad bodies become 400 problem+json).
 * Thread-safe; build one and share it.
 */
public final class TicketEventReader {

    public static final String SCHEMA_RESOURCE = "/schema/ticket-event.schema.json";

    private final Schema schema;
    private final ObjectMapper mapper = Json.mapper();

    public TicketEventReader() {
        try (InputStream in = TicketEventReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + SCHEMA_RESOURCE + " on the class path");
            }
            this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    public ParseOutcome read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return ParseOutcome.refused(DeadLetterReason.INVALID_JSON, "", "empty value");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (IOException e) {
            return ParseOutcome.refused(DeadLetterReason.INVALID_JSON, "", firstLine(e.getMessage()));
        }
        return read(tree);
    }

    public ParseOutcome read(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return ParseOutcome.refused(DeadLetterReason.SCHEMA_VIOLATION, "", "a ticket event must be a JSON object");
        }
        JsonNode type = tree.get("type");
        if (type != null && type.isTextual() && EventType.parse(type.asText()).isEmpty()) {
            return ParseOutcome.refused(DeadLetterReason.UNKNOWN_EVENT_TYPE, "type",
                    "unknown event type '" + type.asText() + "'");
        }
        List<Violation> violations = schema.validate(tree).stream()
                .map(TicketEventReader::toViolation)
                .distinct()
                .collect(Collectors.toCollection(ArrayList::new));
        if (!violations.isEmpty()) {
            return ParseOutcome.refused(DeadLetterReason.SCHEMA_VIOLATION, violations);
        }
        TicketEvent event;
        try {
            event = mapper.treeToValue(tree, TicketEvent.class);
        } catch (JsonMappingException e) {
            return ParseOutcome.refused(DeadLetterReason.SCHEMA_VIOLATION, pathOf(e), firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            return ParseOutcome.refused(DeadLetterReason.SCHEMA_VIOLATION, "", firstLine(e.getOriginalMessage()));
        }
        List<Violation> semantic = semanticViolations(event);
        return semantic.isEmpty() ? ParseOutcome.accepted(event)
                : ParseOutcome.refused(DeadLetterReason.SCHEMA_VIOLATION, semantic);
    }

    /** Rules JSON Schema cannot express: the zone must exist in this JVM's time-zone database. */
    private static List<Violation> semanticViolations(TicketEvent event) {
        List<Violation> violations = new ArrayList<>();
        if (event.customer() != null && event.customer().timeZone() != null) {
            try {
                ZoneId.of(event.customer().timeZone());
            } catch (DateTimeException e) {
                violations.add(new Violation("customer.timeZone",
                        "unknown time zone '" + event.customer().timeZone() + "'"));
            }
        }
        if (event.sopUpdate() != null && event.sopRejected() != null) {
            violations.add(new Violation("sopRejected", "give either sopUpdate or sopRejected, not both"));
        }
        return violations;
    }

    private static Violation toViolation(Error error) {
        String field = dotted(error.getInstanceLocation());
        if (error.getProperty() != null && ("required".equals(error.getKeyword())
                || "additionalProperties".equals(error.getKeyword()))) {
            field = field.isEmpty() ? error.getProperty() : field + "." + error.getProperty();
        }
        String message = error.getMessage();
        // The library prefixes messages with the instance path; the field is reported separately.
        int colon = message.indexOf(": ");
        if (colon > 0 && message.startsWith("$")) {
            message = message.substring(colon + 2);
        }
        return new Violation(field, message);
    }

    private static String dotted(NodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
