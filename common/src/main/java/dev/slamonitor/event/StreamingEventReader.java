package dev.slamonitor.event;

import static dev.slamonitor.event.EventValueChecks.ESCALATIONS;
import static dev.slamonitor.event.EventValueChecks.SEVERITIES;
import static dev.slamonitor.event.EventValueChecks.STATUSES;
import static dev.slamonitor.event.EventValueChecks.TIERS;
import static dev.slamonitor.event.EventValueChecks.TYPES;
import static dev.slamonitor.event.EventValueChecks.amount;
import static dev.slamonitor.event.EventValueChecks.bool;
import static dev.slamonitor.event.EventValueChecks.enumValue;
import static dev.slamonitor.event.EventValueChecks.id;
import static dev.slamonitor.event.EventValueChecks.instant;
import static dev.slamonitor.event.EventValueChecks.patterned;
import static dev.slamonitor.event.EventValueChecks.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.slamonitor.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The fast path of {@link TicketEventReader}: one pass of a streaming parser with the schema's
 * constraints checked by hand, for the common case of a valid event. It only ever <em>accepts</em>:
 * whenever anything is not plainly valid (a violation, an unusual spelling it does not handle, an
 * occurredAt outside the window, a parser error) it answers {@code null} and the caller runs the
 * schema reader, which gives the verdict and the reason text. The JSON Schema therefore stays the
 * contract; this class may be stricter than it, never looser, and an accepted event equals the one
 * the schema reader binds (both proven by {@code StreamingEventReaderDifferentialTest}).
 *
 * <p>Stricter than the schema on purpose (those inputs go the slow way): strings with characters
 * outside the Basic Multilingual Plane or line terminators where a pattern applies, occurredAt with
 * an offset other than {@code Z} or a year before 1970, amounts in exponent notation.
 * Thread-safe and stateless.
 *
 * <p>Its parts: {@link EventValueChecks} checks single values, {@link EventPartReaders} the nested
 * objects; this class walks the top-level object and binds through the one {@link TicketEvent.Builder}.
  */
final class StreamingEventReader {

    private static final JsonFactory FACTORY = Json.untrusted().getFactory();

    private final EventTimeWindow window;

    StreamingEventReader(EventTimeWindow window) {
        this.window = window;
    }

    /** The event if {@code bytes} is plainly a valid ticket event inside the window around {@code now}; else null. */
    TicketEvent accept(byte[] bytes, Instant now) {
        if (bytes == null || bytes.length == 0 || bytes.length > Json.MAX_UNTRUSTED_BYTES || !wellFormedUtf8(bytes)) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            TicketEvent event = readObject(p);
            if (event == null || p.nextToken() != null) {
                return null;
            }
            return window.refusal(event.occurredAt(), now).isPresent() ? null : event;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static boolean wellFormedUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The event in the object the parser is in, or null for anything not plainly valid. */
    private static TicketEvent readObject(JsonParser p) throws IOException {
        TicketEvent.Builder event = TicketEvent.Builder.unset();
        Set<String> seen = new HashSet<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (!seen.add(name)) {
                return null;
            }
            p.nextToken();
            if (!field(name, p, event)) {
                return null;
            }
        }
        if (t != JsonToken.END_OBJECT || !seen.contains("schemaVersion")) {
            return null;
        }
        TicketEvent built = event.build();
        return complete(built) ? built : null;
    }

    /**
     * Sets the value under {@code name} (the parser is on it) on the builder; false for anything not
     * plainly valid. The builder stamps {@link TicketEvent#CURRENT_SCHEMA_VERSION}, the one version accepted.
     */
    private static boolean field(String name, JsonParser p, TicketEvent.Builder b) throws IOException {
        return switch (name) {
            case "schemaVersion" -> p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() == JsonParser.NumberType.INT
                    && p.getIntValue() == TicketEvent.CURRENT_SCHEMA_VERSION;
            case "eventId" -> set(id(p), b::eventId);
            case "ticketId" -> set(id(p), b::ticketId);
            case "type" -> set(p.currentToken() == JsonToken.VALUE_STRING ? TYPES.get(p.getText()) : null, b::type);
            case "occurredAt" -> set(instant(p), b::occurredAt);
            case "severity" -> set(enumValue(p, SEVERITIES), b::severity);
            case "customer" -> set(EventPartReaders.customer(p), b::customer);
            case "team" -> set(text(p, 1, 128), b::team);
            case "channel" -> set(text(p, 1, 128), b::channel);
            case "tier" -> set(enumValue(p, TIERS), b::tier);
            case "status" -> set(enumValue(p, STATUSES), b::status);
            case "owner" -> set(text(p, 1, 128), b::owner);
            case "fromTier" -> set(enumValue(p, TIERS), b::fromTier);
            case "toTier" -> set(enumValue(p, TIERS), b::toTier);
            case "escalationType" -> set(enumValue(p, ESCALATIONS), b::escalationType);
            case "handoff" -> set(EventPartReaders.handoff(p), b::handoff);
            case "rootCause" -> set(patterned(p, 64, EventValueChecks::isRootCause), b::rootCause);
            case "resolutionSummary" -> set(text(p, 0, 8000), b::resolutionSummary);
            case "sopUpdate" -> set(EventPartReaders.single(p, "version", 64) instanceof String v ? new SopUpdate(v) : null,
                    b::sopUpdate);
            case "sopRejected" -> set(EventPartReaders.single(p, "rationale", 4000) instanceof String r ? new SopRejected(r)
                    : null, b::sopRejected);
            case "score" -> p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                    && p.getIntValue() >= 1 && p.getIntValue() <= 5 && set(p.getIntValue(), b::score);
            case "rcaUrl" -> set(text(p, 1, 2000), b::rcaUrl);
            case "refundId" -> set(id(p), b::refundId);
            case "amount" -> set(amount(p), b::amount);
            case "currency" -> set(patterned(p, 3, EventValueChecks::isCurrency), b::currency);
            case "exceptionCode" -> set(patterned(p, 64, EventValueChecks::isExceptionCode), b::exceptionCode);
            case "approved" -> set(bool(p), b::approved);
            case "approver" -> set(text(p, 1, 128), b::approver);
            case "approverRole" -> set(patterned(p, 32, EventValueChecks::isApproverRole), b::approverRole);
            case "rationale" -> set(text(p, 1, 4000), b::rationale);
            default -> false;
        };
    }

    /** Hands a checked value to the builder; a null (not plainly valid) value refuses the field. */
    private static <T> boolean set(T value, Function<T, TicketEvent.Builder> setter) {
        if (value == null) {
            return false;
        }
        setter.apply(value);
        return true;
    }

    /** The common fields, the type's required fields, and the rules beyond the schema (zone, SOP). */
    private static boolean complete(TicketEvent e) {
        if (e.eventId() == null || e.ticketId() == null || e.type() == null || e.occurredAt() == null) {
            return false;
        }
        boolean required = switch (e.type()) {
            case TICKET_OPENED -> e.severity() != null && e.customer() != null && e.team() != null;
            case STATUS_CHANGED -> e.status() != null;
            case SEVERITY_CHANGED -> e.severity() != null;
            case ASSIGNED -> e.owner() != null;
            case ESCALATED -> e.toTier() != null;
            case RESOLVED -> e.rootCause() != null;
            case CSAT_RECEIVED -> e.score() != null;
            case REFUND_REQUESTED -> e.refundId() != null && e.amount() != null && e.currency() != null;
            case REFUND_DECIDED -> e.refundId() != null && e.approved() != null && e.approver() != null
                    && e.approverRole() != null;
            default -> true;
        };
        return required && !(e.sopUpdate() != null && e.sopRejected() != null);
    }
}
