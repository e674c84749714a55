package dev.slamonitor.processor.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * How state-store values (never published records) write {@link Instant}s: as epoch milliseconds
 * when the instant is millisecond-precise, the common case, and as ISO-8601 text otherwise, so no
 * precision is lost. Reading accepts both numbers and ISO-8601 text, so values written before this
 * format (ISO-8601 everywhere) still read back. ISO-8601 formatting and parsing through
 * {@code DateTimeFormatter} were the largest single cost of the processor's store round-trips.
 */
final class StoreInstants {

    private StoreInstants() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("store-instants");
        module.addSerializer(Instant.class, new Writer());
        module.addDeserializer(Instant.class, new Reader());
        return module;
    }

    private static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.getNano() % 1_000_000 == 0) {
                try {
                    gen.writeNumber(value.toEpochMilli());
                    return;
                } catch (ArithmeticException tooFar) {
                    // beyond the range of epoch millis: fall through to text
                }
            }
            gen.writeString(value.toString());
        }
    }

    private static final class Reader extends StdScalarDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(p.getLongValue());
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = p.getText().trim();
                try {
                    return Instant.parse(text);
                } catch (DateTimeException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant: %s", e.getMessage());
                }
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
    }
}
