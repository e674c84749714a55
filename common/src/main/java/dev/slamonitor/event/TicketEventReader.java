package dev.slamonitor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns untrusted bytes or JSON trees into {@link TicketEvent}s, checking them against the published
 * JSON Schema first so that every refusal names the offending fields. Used by the stream processor
 * (bad records become dead letters) and by the HTTP ingest (bad bodies become 400 problem+json).
 * Thread-safe; build one and share it.
 *
 * <p>Validation cost: the published schema's {@code allOf} holds one {@code if type == X then
 * required [...]} block per type; evaluating it builds and formats an error for every {@code if}
 * that does not match, on every valid event. So the reader derives, once, one schema per type from
 * the published one: the common part plus that type's {@code then.required}. For an event whose
 * {@code type} is a known string this is the same set of constraints (exactly one {@code if} can
 * match), reporting the same violations; anything else (no type, not a string, an {@code allOf} of
 * another shape) is validated against the published schema as is.
 */
public final class TicketEventReader {

    public static final String SCHEMA_RESOURCE = "/schema/ticket-event.schema.json";

    private final Schema schema;
    /** Per event type: the published schema with that type's conditional requirements inlined; empty if not derivable. */
    private final Map<String, Schema> schemaByType;
    private final ObjectMapper mapper = Json.mapper();

    public TicketEventReader() {
        JsonNode published;
        try (InputStream in = TicketEventReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + SCHEMA_RESOURCE + " on the class path");
            }
            published = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SCHEMA_RESOURCE, e);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        this.schema = registry.getSchema(published);
        this.schemaByType = perTypeSchemas(registry, published);
    }

    /**
     * Splits {@code allOf: [{if: {properties: {type: {const: X}}}, then: {required: [...]}}, ...]} into
     * one schema per type; returns an empty map (always use the published schema) for any other shape.
     */
    private static Map<String, Schema> perTypeSchemas(SchemaRegistry registry, JsonNode published) {
        JsonNode allOf = published.get("allOf");
        if (allOf == null || !allOf.isArray() || !published.path("required").isArray()) {
            return Map.of();
        }
        Map<String, List<JsonNode>> extraRequired = new HashMap<>();
        for (JsonNode branch : allOf) {
            JsonNode typeConst = branch.path("if").path("properties").path("type").path("const");
            JsonNode required = branch.path("then").path("required");
            boolean simple = branch.size() == 2 && branch.path("if").size() == 1 && branch.path("if").path("properties").size() == 1
                    && branch.path("if").path("properties").path("type").size() == 1 && typeConst.isTextual()
                    && branch.path("then").size() == 1 && required.isArray();
            if (!simple || extraRequired.containsKey(typeConst.asText())) {
                return Map.of();
            }
            List<JsonNode> names = new ArrayList<>();
            required.forEach(names::add);
            extraRequired.put(typeConst.asText(), names);
        }
        Map<String, Schema> byType = new HashMap<>();
        for (EventType type : EventType.values()) {
            ObjectNode variant = ((ObjectNode) published).deepCopy();
            variant.remove("allOf");
            // a distinct id per variant: the registry must not treat them as one cached document
            variant.put("$id", published.path("$id").asText("urn:ticket-event") + "/" + type.name());
            ArrayNode required = (ArrayNode) variant.get("required");
            extraRequired.getOrDefault(type.name(), List.of()).forEach(required::add);
            byType.put(type.name(), registry.getSchema(variant));
        }
        return Map.copyOf(byType);
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
        Schema selected = type != null && type.isTextual() ? schemaByType.getOrDefault(type.asText(), schema) : schema;
        List<Violation> violations = selected.validate(tree).stream()
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
