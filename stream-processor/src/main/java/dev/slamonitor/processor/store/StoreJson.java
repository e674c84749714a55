package dev.slamonitor.processor.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The mappers for values the processor keeps in its own state stores (and so their changelogs),
 * never for published records: like {@link dev.slamonitor.json.Json#mapper()}, except that instants
 * are written as epoch milliseconds ({@link StoreInstants}). Published records (topics other than
 * changelogs, HTTP) keep ISO-8601 through {@code Json.mapper()}. Only the processor has stores, so
 * this lives here, not in the shared contracts.
 */
public final class StoreJson {

    private static final ObjectMapper TEXT = storeRules(JsonMapper.builder()).build();

    /** The store rules in Smile, Jackson's binary JSON: what {@link StoreSerde} writes. */
    private static final ObjectMapper SMILE = storeRules(SmileMapper.builder()).build();

    private StoreJson() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B storeRules(B builder) {
        return builder
                .addModule(new JavaTimeModule())
                .addModule(new BlackbirdModule())
                .addModule(StoreInstants.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Text JSON with the store rules (values written before the Smile format, and tests). */
    public static ObjectMapper mapper() {
        return TEXT;
    }

    /** {@link #mapper()} in Smile (binary JSON). */
    static ObjectMapper smileMapper() {
        return SMILE;
    }
}
