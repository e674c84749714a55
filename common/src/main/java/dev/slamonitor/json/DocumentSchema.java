package dev.slamonitor.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.slamonitor.event.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A published JSON Schema (draft 2020-12) from the class path, checked with the networknt validator:
 * the one way every contract (ticket events, reference documents) is validated against its schema.
 * Each refusal names the offending field as a dotted path. Thread-safe; build one per schema and share it.
 */
public final class DocumentSchema {

    /**
     * One document read against a schema: the bound document, or null if it did not bind, and every
     * violation (the schema's, else why the bytes did not read or bind). A document with violations
     * may still be bound, so that its reader can add the rules a schema cannot express.
     */
    public record Reading<T>(T document, List<Violation> violations) {

        public boolean conforms() {
            return violations.isEmpty();
        }

        /** The violations as "field: message" lines, for a refusal's detail. */
        public List<String> problems() {
            return violations.stream().map(Violation::toString).collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private final Schema schema;

    private DocumentSchema(Schema schema) {
        this.schema = schema;
    }

    /** The schema at {@code resource} (e.g. {@code /schema/sla-policy.schema.json}); a missing one is a packaging error. */
    public static DocumentSchema load(String resource) {
        return new DocumentSchema(registry().getSchema(tree(resource)));
    }

    /** The schema's JSON tree, for callers that derive variants of it. */
    public static JsonNode tree(String resource) {
        try (InputStream in = DocumentSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource + " on the class path");
            }
            return Json.untrusted().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public static SchemaRegistry registry() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    }

    /** Every violation of {@code tree}, distinct, in the validator's order; empty if it conforms. */
    public List<Violation> violations(JsonNode tree) {
        return violations(schema, tree);
    }

    /**
     * Reads untrusted bytes (bounded by {@link Json#readUntrusted}), checks them against this schema
     * and binds them to {@code type} with the strict mapper; never throws for bad input.
     */
    public <T> Reading<T> read(byte[] bytes, Class<T> type) {
        JsonNode tree;
        try {
            tree = Json.readUntrusted(bytes);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return new Reading<>(null, List.of(new Violation("", "not valid JSON: " + firstLine(e.getMessage()))));
        }
        List<Violation> found = new ArrayList<>(violations(tree));
        T document = null;
        try {
            document = tree.isObject() ? Json.untrusted().treeToValue(tree, type) : null;
        } catch (JsonMappingException e) {
            if (found.isEmpty()) {
                found.add(new Violation(pathOf(e), firstLine(e.getOriginalMessage())));
            }
        } catch (IOException | RuntimeException e) {
            if (found.isEmpty()) {
                found.add(new Violation("", "unreadable: " + firstLine(e.getMessage())));
            }
        }
        if (document == null && found.isEmpty()) {
            found.add(new Violation("", "must be a JSON object"));
        }
        return new Reading<>(document, List.copyOf(found));
    }

    public static List<Violation> violations(Schema schema, JsonNode tree) {
        return schema.validate(tree).stream().map(DocumentSchema::toViolation).distinct().toList();
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

    private static String pathOf(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
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
}
