package dev.slamonitor.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.DocumentSchema;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns untrusted bytes or JSON trees into {@link TicketEvent}s, checking them against the published
 * JSON Schema first so that every refusal names the offending fields. Used by the stream processor
 * (bad records become dead letters) and by the HTTP ingest (bad bodies become 400 problem+json).
 * Thread-safe; build one and share it.
 *
 * <p>Strict and bounded, so that no input can cost more than a bounded amount of work or escape as an
 * exception: bytes must be well-formed UTF-8 of at most {@link Json#MAX_UNTRUSTED_BYTES}, one JSON
 * document (nothing after it, no duplicate keys, bounded nesting and number lengths); every string,
 * array and number in the schema has a bound and the schema holds no pattern that can backtrack
 * (time zones are checked by {@link ZoneId} lookup after the length bound); {@code occurredAt} is an
 * RFC 3339 date-time (no leap second, four-digit year) inside the {@link EventTimeWindow}; integers
 * are written as integers. Anything unforeseen while reading still ends in a refusal, never a throw.
 *
 * <p>Validation cost: the published schema's {@code allOf} holds one {@code if type == X then
 * required [...]} block per type; evaluating it builds and formats an error for every {@code if}
 * that does not match, on every valid event. So the reader derives, once, one schema per type from
 * the published one: the common part plus that type's {@code then.required}. For an event whose
 * {@code type} is a known string this is the same set of constraints (exactly one {@code if} can
 * match), reporting the same violations; anything else (no type, not a string, an {@code allOf} of
 * another shape) is validated against the published schema as is.
 *
 * <p>Bytes go first through {@link StreamingEventReader}, a streaming parser with the schema's
 * constraints checked by hand, which only ever accepts: anything it is not sure of (every refusal
 * included) is read here against the schema, which gives the verdict and the reason text. A
 * differential fuzz test keeps the two verdicts and the bound events identical.
 */
public final class TicketEventReader {

    public static final String SCHEMA_RESOURCE = "/schema/ticket-event.schema.json";

    private final Schema schema;
    /** Per event type: the published schema with that type's conditional requirements inlined; empty if not derivable. */
    private final Map<String, Schema> schemaByType;
    /** RFC 3339 {@code date-time} once the schema's pattern has fixed its shape: STRICT rejects Feb 30, 24:00, :60. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);
    /** Fields the schema types as integers; written with a fraction or exponent they are refused. */
    private static final List<String> INTEGER_FIELDS = List.of("schemaVersion", "score");

    private final ObjectMapper mapper = Json.untrusted();
    private final EventTimeWindow window;
    private final Clock clock;
    /** Accepts the plainly valid events in one streaming pass; everything else comes here. */
    private final StreamingEventReader fastPath;

    /** A reader with the default {@link EventTimeWindow} on the system clock. */
    public TicketEventReader() {
        this(EventTimeWindow.DEFAULT, Clock.systemUTC());
    }

    /** A reader with the window configured under {@code processor.max.clock.skew} / {@code processor.max.event.age}. */
    public static TicketEventReader from(AppConfig config) {
        return new TicketEventReader(EventTimeWindow.from(config), Clock.systemUTC());
    }

    public TicketEventReader(EventTimeWindow window, Clock clock) {
        this.window = window;
        this.clock = clock;
        this.fastPath = new StreamingEventReader(window);
        JsonNode published = DocumentSchema.tree(SCHEMA_RESOURCE);
        SchemaRegistry registry = DocumentSchema.registry();
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

    /** Reads bytes, checking event time against this reader's clock. */
    public ParseOutcome read(byte[] bytes) {
        return read(bytes, clock.instant());
    }

    /** Reads bytes, checking event time against {@code now} (a stream processor passes its wall-clock time). */
    public ParseOutcome read(byte[] bytes, Instant now) {
        TicketEvent plainlyValid = fastPath.accept(bytes, now);
        return plainlyValid != null ? ParseOutcome.accepted(plainlyValid) : readAgainstSchema(bytes, now);
    }

    /** The reference path: parse into a tree, validate against the schema, bind (no fast path). */
    ParseOutcome readAgainstSchema(byte[] bytes, Instant now) {
        if (bytes == null || bytes.length == 0) {
            return ParseOutcome.refused(DeadLetterReason.INVALID_JSON, "", "empty value");
        }
        JsonNode tree;
        try {
            tree = Json.readUntrusted(bytes);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return ParseOutcome.refused(DeadLetterReason.INVALID_JSON, "", firstLine(e.getMessage()));
        }
        return read(tree, now);
    }

    /** Reads a tree already parsed (one element of a batch), checking event time against this reader's clock. */
    public ParseOutcome read(JsonNode tree) {
        return read(tree, clock.instant());
    }

    public ParseOutcome read(JsonNode tree, Instant now) {
        try {
            return readChecked(tree, now);
        } catch (RuntimeException | StackOverflowError e) {
            // a bound this reader should have had: still a refusal with a reason, never a throw
            return ParseOutcome.refused(DeadLetterReason.SCHEMA_VIOLATION, "",
                    "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ParseOutcome readChecked(JsonNode tree, Instant now) {
        if (tree == null || !tree.isObject()) {
            return ParseOutcome.refused(DeadLetterReason.SCHEMA_VIOLATION, "", "a ticket event must be a JSON object");
        }
        JsonNode type = tree.get("type");
        if (type != null && type.isTextual() && EventType.parse(type.asText()).isEmpty()) {
            return ParseOutcome.refused(DeadLetterReason.UNKNOWN_EVENT_TYPE, "type",
                    "unknown event type '" + type.asText() + "'");
        }
        Schema selected = type != null && type.isTextual() ? schemaByType.getOrDefault(type.asText(), schema) : schema;
        List<Violation> violations = new ArrayList<>(DocumentSchema.violations(selected, tree));
        violations.addAll(lexicalViolations(tree, violations));
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
        if (!semantic.isEmpty()) {
            return ParseOutcome.refused(DeadLetterReason.SCHEMA_VIOLATION, semantic);
        }
        return window.refusal(event.occurredAt(), now).orElse(ParseOutcome.accepted(event));
    }

    /**
     * What the schema library does not enforce: integers written as integers (JSON Schema counts 1.0
     * as an integer, and a double would round 1.0000000000000000001 to it) and {@code format:
     * date-time}, which draft 2020-12 only annotates. Runs on the tree, before binding, because
     * java.time would quietly accept a leap second or a five-digit year.
     */
    private static List<Violation> lexicalViolations(JsonNode tree, List<Violation> schemaViolations) {
        List<Violation> violations = new ArrayList<>();
        for (String field : INTEGER_FIELDS) {
            JsonNode value = tree.get(field);
            if (value != null && value.isNumber() && !value.isIntegralNumber()) {
                violations.add(new Violation(field, "must be an integer, written without fraction or exponent"));
            }
        }
        JsonNode occurredAt = tree.get("occurredAt");
        boolean shapeRefused = schemaViolations.stream().anyMatch(v -> v.field().equals("occurredAt"));
        if (occurredAt != null && occurredAt.isTextual() && !shapeRefused) {
            try {
                OffsetDateTime.parse(occurredAt.asText(), RFC_3339);
            } catch (DateTimeException e) {
                violations.add(new Violation("occurredAt", "not an RFC 3339 date-time: " + firstLine(e.getMessage())));
            }
        }
        return violations;
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
