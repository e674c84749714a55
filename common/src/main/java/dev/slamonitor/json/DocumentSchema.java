package dev.slamonitor.json;

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
import java.util.List;

/**
 * A published JSON Schema (draft 2020-12) from the class path, checked with the networknt validator:
 * the one way every contract (ticket events, reference documents) is validated against its schema.
 * Each refusal names the offending field as a dotted path. Thread-safe; build one per schema and share it.
 */
public final class DocumentSchema {

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
