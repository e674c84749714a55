package dev.slamonitor.json;

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
 * The one configured {@link ObjectMapper} every serde and HTTP handler shares: ISO-8601 instants,
 * no nulls on the wire, unknown properties rejected (the contract is strict; the JSON Schema says
 * what is allowed).
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Same rules, but instants as epoch millis: for state-store values only, never for published records. */
    private static final ObjectMapper STORE_MAPPER = storeRules(JsonMapper.builder()).build();

    /** The store rules in Smile, Jackson's binary JSON: what {@link StoreSerde} writes. */
    private static final ObjectMapper STORE_SMILE_MAPPER = storeRules(SmileMapper.builder()).build();

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

    private Json() {
    }

    /**
     * The mapper for values a processor keeps in its own state stores: like {@link #mapper()}, except
     * that instants are written as epoch milliseconds (see {@link StoreInstants}). Published records
     * (topics other than changelogs, HTTP) keep ISO-8601 through {@link #mapper()}.
     */
    public static ObjectMapper storeMapper() {
        return STORE_MAPPER;
    }

    /** {@link #storeMapper()} in Smile (binary JSON): how {@link StoreSerde} writes store values. */
    static ObjectMapper storeSmileMapper() {
        return STORE_SMILE_MAPPER;
    }

    /** The shared mapper; thread-safe once configured, never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
