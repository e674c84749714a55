package dev.slamonitor.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.slamonitor.json.Json;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reader validates against a per-type schema derived from the published one; these tests pin
 * that it refuses exactly what the published schema refuses, naming the same fields.
 */
class TicketEventReaderSchemaSelectionTest {

    /** The reader's clock sits just after the events' time, inside the event-time window. */
    private final TicketEventReader reader = new TicketEventReader(EventTimeWindow.DEFAULT,
            java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T10:00:00Z"), java.time.ZoneOffset.UTC));

    @Test
    void shouldNameTheSameFieldsAsThePublishedSchemaForEveryTypeWithNothingButTheCommonFields() throws Exception {
        // given the published schema evaluated as is
        Schema published;
        try (InputStream in = TicketEventReader.class.getResourceAsStream(TicketEventReader.SCHEMA_RESOURCE)) {
            published = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        for (EventType type : EventType.values()) {
            // when an event of each type carries only the common fields (plus a bad score and an unknown field)
            ObjectNode event = (ObjectNode) Json.mapper().readTree("""
                    {"schemaVersion":1,"eventId":"e","ticketId":"T","occurredAt":"2026-11-23T09:00:00Z","score":9,"extra":1}""");
            event.put("type", type.name());
            Set<String> expected = published.validate(event).stream()
                    .map(e -> e.getProperty() != null && ("required".equals(e.getKeyword())
                            || "additionalProperties".equals(e.getKeyword())) ? e.getProperty()
                            : e.getInstanceLocation().toString().replaceFirst("^[$/.]+", ""))
                    .collect(Collectors.toSet());
            ParseOutcome outcome = reader.read((JsonNode) event);
            // then the reader refuses it naming exactly the fields the published schema names
            assertThat(outcome.isAccepted()).as(type.name()).isFalse();
            assertThat(outcome.violations()).extracting(Violation::field).as(type.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void shouldStillRequireTheFieldsOfEveryTypeWhenTheTypeIsMissing() {
        // given an event without a type: every conditional block of the published schema applies
        ParseOutcome outcome = reader.read("""
                {"schemaVersion":1,"eventId":"e","ticketId":"T","occurredAt":"2026-11-23T09:00:00Z"}""".getBytes());
        // then the refusal names the type and the fields of the conditional blocks, as before
        assertThat(outcome.violations()).extracting(Violation::field).contains("type", "severity", "owner", "refundId");
    }
}
