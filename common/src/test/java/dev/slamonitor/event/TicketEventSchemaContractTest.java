package dev.slamonitor.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slamonitor.json.Json;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps schema/ticket-event.schema.json and the Java records in step. */
class TicketEventSchemaContractTest {

    private static JsonNode schema;

    @BeforeAll
    static void readSchema() throws Exception {
        try (InputStream in = TicketEventSchemaContractTest.class.getResourceAsStream(TicketEventReader.SCHEMA_RESOURCE)) {
            schema = Json.mapper().readTree(in);
        }
    }

    @Test
    void shouldDeclareExactlyTheRecordComponentsAsProperties() {
        assertThat(fieldNames(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(components(TicketEvent.class));
    }

    @Test
    void shouldDeclareNestedObjectsLikeTheirRecords() {
        JsonNode props = schema.get("properties");
        assertThat(fieldNames(props.get("customer").get("properties"))).containsExactlyInAnyOrderElementsOf(components(Customer.class));
        assertThat(fieldNames(props.get("handoff").get("properties"))).containsExactlyInAnyOrderElementsOf(components(Handoff.class));
        assertThat(fieldNames(props.get("sopUpdate").get("properties"))).containsExactlyInAnyOrderElementsOf(components(SopUpdate.class));
        assertThat(fieldNames(props.get("sopRejected").get("properties"))).containsExactlyInAnyOrderElementsOf(components(SopRejected.class));
    }

    @Test
    void shouldListEveryEnumValueOfTheJavaEnums() {
        JsonNode props = schema.get("properties");
        assertThat(texts(props.get("type").get("enum"))).containsExactlyElementsOf(Arrays.stream(EventType.values()).map(Enum::name).toList());
        assertThat(texts(props.get("severity").get("enum"))).containsExactlyElementsOf(Arrays.stream(Severity.values()).map(Severity::wire).toList());
        assertThat(texts(props.get("status").get("enum"))).containsExactlyElementsOf(Arrays.stream(TicketStatus.values()).map(TicketStatus::wire).toList());
        assertThat(texts(props.get("escalationType").get("enum"))).containsExactlyElementsOf(Arrays.stream(EscalationType.values()).map(EscalationType::wire).toList());
        assertThat(texts(schema.get("$defs").get("tier").get("enum"))).containsExactlyElementsOf(Arrays.stream(SupportTier.values()).map(SupportTier::wire).toList());
    }

    @Test
    void shouldPinTheSchemaVersionOfTheRecords() {
        assertThat(schema.get("properties").get("schemaVersion").get("const").asInt()).isEqualTo(TicketEvent.CURRENT_SCHEMA_VERSION);
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
