package dev.slamonitor.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketEventReaderTest {

    /** The reader's clock sits just after the events' time, inside the event-time window. */
    private final TicketEventReader reader = new TicketEventReader(EventTimeWindow.DEFAULT,
            java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T10:00:00Z"), java.time.ZoneOffset.UTC));

    private ParseOutcome read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAcceptAValidOpenedEventAndRoundTripIt() throws Exception {
        TicketEvent opened = TicketEvent.builder(EventType.TICKET_OPENED, "e-1", "T-1", Instant.parse("2026-11-23T09:00:00Z"))
                .severity(Severity.HIGH).customer(new Customer("C-1", "enterprise", true, "Europe/Berlin"))
                .team("payments").channel("email").tier(SupportTier.L1).build();
        ParseOutcome outcome = reader.read(Json.mapper().writeValueAsBytes(opened));
        assertThat(outcome.isAccepted()).as(outcome.detail()).isTrue();
        assertThat(outcome.event()).isEqualTo(opened);
    }

    @Test
    void shouldRefuseBytesThatAreNotJson() {
        ParseOutcome outcome = reader.read(new byte[] {(byte) 0xff, 0x00, 0x13});
        assertThat(outcome.reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
    }

    @Test
    void shouldRefuseAnUnknownTypeAsSuch() {
        ParseOutcome outcome = read("""
                {"schemaVersion":1,"eventId":"e","ticketId":"T","type":"TICKET_TELEPORTED","occurredAt":"2026-11-23T09:00:00Z"}""");
        assertThat(outcome.reason()).isEqualTo(DeadLetterReason.UNKNOWN_EVENT_TYPE);
        assertThat(outcome.violations()).extracting(Violation::field).containsExactly("type");
    }

    @Test
    void shouldNameEveryMissingFieldOfTheType() {
        ParseOutcome outcome = read("""
                {"schemaVersion":1,"eventId":"e","ticketId":"T","type":"TICKET_OPENED","occurredAt":"2026-11-23T09:00:00Z"}""");
        assertThat(outcome.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
        assertThat(outcome.violations()).extracting(Violation::field).contains("severity", "customer", "team");
    }

    @Test
    void shouldNameNestedAndMisspelledFields() {
        ParseOutcome outcome = read("""
                {"schemaVersion":1,"eventId":"e","ticketId":"T","type":"CSAT_RECEIVED","occurredAt":"2026-11-23T09:00:00Z",
                 "score":9,"custmer":{}}""");
        assertThat(outcome.violations()).extracting(Violation::field).contains("score", "custmer");
    }

    @Test
    void shouldRefuseAnUnparseableTimestampNamingTheField() {
        ParseOutcome outcome = read("""
                {"schemaVersion":1,"eventId":"e","ticketId":"T","type":"AGENT_REPLIED","occurredAt":"yesterday"}""");
        assertThat(outcome.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
        assertThat(outcome.violations()).extracting(Violation::field).containsExactly("occurredAt");
    }

    @Test
    void shouldRefuseAnUnknownTimeZone() {
        ParseOutcome outcome = read("""
                {"schemaVersion":1,"eventId":"e","ticketId":"T","type":"TICKET_OPENED","occurredAt":"2026-11-23T09:00:00Z",
                 "severity":"low","team":"t","customer":{"id":"C","timeZone":"Mars/Olympus_Mons"}}""");
        assertThat(outcome.violations()).extracting(Violation::field).containsExactly("customer.timeZone");
    }

    @Test
    void shouldRefuseAnotherSchemaVersion() {
        ParseOutcome outcome = read("""
                {"schemaVersion":2,"eventId":"e","ticketId":"T","type":"AGENT_REPLIED","occurredAt":"2026-11-23T09:00:00Z"}""");
        assertThat(outcome.violations()).extracting(Violation::field).containsExactly("schemaVersion");
    }
}
