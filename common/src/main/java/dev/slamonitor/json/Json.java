package dev.slamonitor.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one configured {@link ObjectMapper} every serde and HTTP handler shares: ISO-8601 instants,
 * no nulls on the wire, unknown properties rejected (the contract is strict; the JSON Schema says
 * what is allowed). Parsing is strict everywhere: a duplicate key or anything after the document is
 * an error. {@link #untrusted()} adds size limits for bytes from outside (events, acks, documents).
 */
public final class Json {

    private static final ObjectMapper MAPPER = publishedRules(JsonMapper.builder()).build();

    /** Longest input document accepted from outside, in bytes. */
    public static final int MAX_UNTRUSTED_BYTES = 1 << 20;

    /**
     * The shared rules for bytes from outside, with bounds that hold before any schema runs: nesting,
     * number and string lengths, document size, and floats kept exact as BigDecimal (so 1e400 or
     * 1.0000000000000000001 stay what they are instead of becoming Infinity or 1.0).
     */
    private static final ObjectMapper UNTRUSTED = publishedRules(JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32).maxNumberLength(100).maxStringLength(100_000)
                            .maxDocumentLength(MAX_UNTRUSTED_BYTES).build())
                    .build()))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The rules of every published record: strict parsing, ISO-8601 instants, no unknown fields, no nulls. */
    private static JsonMapper.Builder publishedRules(JsonMapper.Builder builder) {
        return builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(new JavaTimeModule())
                // after JavaTimeModule, so that its instant writer wins: the same text, written faster
                .addModule(IsoInstants.module())
                .addModule(new BlackbirdModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    private Json() {
    }

    /** The mapper for untrusted input (see {@link #UNTRUSTED}); thread-safe, never reconfigure it. */
    public static ObjectMapper untrusted() {
        return UNTRUSTED;
    }

    /**
     * Parses untrusted bytes into a tree: well-formed UTF-8 only (no overlong forms, surrogates or
     * truncated sequences, which Jackson alone would let through or replace), then {@link #untrusted()}.
     *
     * @throws IOException naming the problem
     */
    public static JsonNode readUntrusted(byte[] bytes) throws IOException {
        if (bytes.length > MAX_UNTRUSTED_BYTES) {
            throw new IOException("document of " + bytes.length + " bytes is larger than " + MAX_UNTRUSTED_BYTES);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new IOException("not well-formed UTF-8 (" + e.getMessage() + ")");
        }
        return UNTRUSTED.readTree(bytes);
    }

    /** The shared mapper; thread-safe once configured, never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
