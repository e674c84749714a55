package dev.slamonitor.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.deadletter.DeadLetterReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The reader refuses, with a reason and never a throw, everything a lenient JSON reader would let through. */
class TicketEventReaderStrictnessTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final TicketEventReader reader = new TicketEventReader(EventTimeWindow.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String event(String occurredAt) {
        return "{\"schemaVersion\":1,\"eventId\":\"e\",\"ticketId\":\"T\",\"type\":\"AGENT_REPLIED\",\"occurredAt\":\"" + occurredAt + "\"}";
    }

    private ParseOutcome read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAcceptAnEventInsideTheWindow() {
        assertThat(read(event("2026-11-23T09:59:00Z")).isAccepted()).isTrue();
        assertThat(read(event("2026-11-23T11:04:00+01:00")).isAccepted()).isTrue();
        assertThat(read(event("2026-11-23T09:59:00.123456789Z")).isAccepted()).isTrue();
    }

    @Test
    void shouldRefuseTrailingTokensAndDuplicateKeys() {
        assertThat(read(event("2026-11-23T09:59:00Z") + ",}").reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(read(event("2026-11-23T09:59:00Z") + " {}").reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(read("{\"schemaVersion\":1,\"eventId\":\"e\",\"eventId\":\"f\",\"ticketId\":\"T\",\"type\":\"AGENT_REPLIED\","
                + "\"occurredAt\":\"2026-11-23T09:59:00Z\"}").reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
    }

    @Test
    void shouldRefuseDateTimesThatAreNotRfc3339() {
        for (String bad : new String[] {"2026-11-23T23:59:60Z", "+10000-01-01T00:00:00Z", "2026-02-30T09:00:00Z",
                "2026-11-23T24:00:00Z", "2026-11-23t09:00:00z", "2026-11-23T09:00Z", "2026-11-23 09:00:00Z"}) {
            ParseOutcome outcome = read(event(bad));
            assertThat(outcome.reason()).as(bad).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
            assertThat(outcome.violations()).as(bad).extracting(Violation::field).containsOnly("occurredAt");
        }
    }

    @Test
    void shouldRefuseEventTimesOutsideTheWindowWithTheirOwnReasons() {
        assertThat(read(event("9999-12-31T23:59:59Z")).reason()).isEqualTo(DeadLetterReason.OCCURRED_AT_IN_FUTURE);
        assertThat(read(event("2026-11-23T12:00:00Z")).reason()).isEqualTo(DeadLetterReason.OCCURRED_AT_IN_FUTURE);
        assertThat(read(event("2026-11-23T10:04:59Z")).isAccepted()).isTrue();
        assertThat(read(event("0001-01-01T00:00:00Z")).reason()).isEqualTo(DeadLetterReason.OCCURRED_AT_TOO_OLD);
        assertThat(read(event("2026-11-16T09:59:59Z")).reason()).isEqualTo(DeadLetterReason.OCCURRED_AT_TOO_OLD);
        assertThat(read(event("2026-11-23T12:00:00Z")).detail()).contains("processor.max.clock.skew");
    }

    @Test
    void shouldRefuseIntegersThatAreNotExactIntegers() {
        for (String version : new String[] {"1e400", "1.0000000000000000001", "1.0", "1E0", "-1e-400",
                "100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"}) {
            ParseOutcome outcome = read("{\"schemaVersion\":" + version
                    + ",\"eventId\":\"e\",\"ticketId\":\"T\",\"type\":\"AGENT_REPLIED\",\"occurredAt\":\"2026-11-23T09:59:00Z\"}");
            assertThat(outcome.isAccepted()).as(version).isFalse();
            assertThat(outcome.reason()).as(version).isIn(DeadLetterReason.SCHEMA_VIOLATION, DeadLetterReason.INVALID_JSON);
        }
    }

    @Test
    void shouldRefuseMalformedAndOverlongUtf8() throws Exception {
        byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};
        byte[] lone = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        for (byte[] bad : new byte[][] {overlongSlash, lone, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write("{\"schemaVersion\":1,\"eventId\":\"e\",\"ticketId\":\"T\",\"type\":\"TICKET_OPENED\",\"occurredAt\":\"2026-11-23T09:59:00Z\",\"severity\":\"low\",\"team\":\"t".getBytes(StandardCharsets.UTF_8));
            out.write(bad);
            out.write("\",\"customer\":{\"id\":\"C\"}}".getBytes(StandardCharsets.UTF_8));
            assertThat(reader.read(out.toByteArray()).reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        }
    }

    @Test
    void shouldRefuseAHugeTimeZoneByLengthWithoutOverflowingTheStack() {
        String zone = "Europe/" + "Berlin/".repeat(6000);
        ParseOutcome outcome = read("{\"schemaVersion\":1,\"eventId\":\"e\",\"ticketId\":\"T\",\"type\":\"TICKET_OPENED\","
                + "\"occurredAt\":\"2026-11-23T09:59:00Z\",\"severity\":\"low\",\"team\":\"t\",\"customer\":{\"id\":\"C\",\"timeZone\":\"" + zone + "\"}}");
        assertThat(outcome.reason()).isEqualTo(DeadLetterReason.SCHEMA_VIOLATION);
        assertThat(outcome.violations()).extracting(Violation::field).containsExactly("customer.timeZone");
    }

    @Test
    void shouldRefuseDeepNestingAndOversizedDocuments() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(read("{\"schemaVersion\":1,\"x\":" + deep + "}").reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        String big = "{\"schemaVersion\":1,\"eventId\":\"" + "a".repeat(1 << 20) + "\"}";
        assertThat(read(big).reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
    }
}
