package dev.slamonitor.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.event.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published schemas of the reference documents: every string, array and open map is bounded, and
 * the shared validator names the field of each violation.
 */
class DocumentSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"/schema/sla-policy.schema.json", "/schema/refund-governance-policy.schema.json",
            "/schema/root-cause-taxonomy.schema.json", "/schema/ticket-event.schema.json"})
    void shouldBoundEveryStringArrayAndOpenMap(String resource) {
        // given
        JsonNode schema = DocumentSchema.tree(resource);

        // when every sub-schema is visited
        List<String> unbounded = new ArrayList<>();
        visit(schema, "$", unbounded);

        // then none is unbounded
        assertThat(unbounded).isEmpty();
        DocumentSchema.load(resource);
    }

    @Test
    void shouldNameTheFieldOfEachViolation() throws Exception {
        // given a taxonomy with an over-long tag and an unknown field
        ObjectNode doc = (ObjectNode) Json.mapper().readTree("""
                {"version": 1, "windows": ["7d"], "unknownOwner": "o", "unknownPlaybook": "p",
                 "policy": {"repeatMinimum": 2, "remediationDue": "14d", "rcaDue": "48h", "maxTierMoves": 3, "exampleTickets": 5},
                 "tags": [{"tag": "%s", "owner": "o", "playbook": "p"}], "colour": "red"}
                """.formatted("a".repeat(65)));

        // when
        List<Violation> violations = DocumentSchema.load("/schema/root-cause-taxonomy.schema.json").violations(doc);

        // then
        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("tags[0].tag", "colour");
    }

    private static void visit(JsonNode node, String at, List<String> unbounded) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), at + "[" + i + "]", unbounded);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode type = node.get("type");
        boolean constrained = node.has("enum") || node.has("const") || node.has("$ref");
        if (type != null && "string".equals(type.asText()) && !node.has("maxLength") && !constrained) {
            unbounded.add(at + ": string without maxLength");
        }
        if (type != null && "array".equals(type.asText()) && !node.has("maxItems")) {
            unbounded.add(at + ": array without maxItems");
        }
        if (type != null && ("integer".equals(type.asText()) || "number".equals(type.asText()))
                && !node.has("maximum") && !node.has("exclusiveMaximum") && !constrained) {
            unbounded.add(at + ": number without maximum");
        }
        JsonNode additional = node.get("additionalProperties");
        if (additional != null && additional.isObject() && !node.has("maxProperties")) {
            unbounded.add(at + ": open map without maxProperties");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            visit(field.getValue(), at + "." + field.getKey(), unbounded);
        }
    }
}
