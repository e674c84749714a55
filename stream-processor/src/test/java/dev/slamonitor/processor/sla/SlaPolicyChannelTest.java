package dev.slamonitor.processor.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.processor.refdata.BundledDocument;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SLA policy binding of the reference-document channel, on the whole processor topology. */
class SlaPolicyChannelTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private TopologyFixture fx;
    private TestOutputTopic<String, byte[]> valid;
    private KeyValueStore<String, byte[]> catalog;

    @BeforeEach
    void setUp() {
        fx = new TopologyFixture(T0);
        valid = fx.driver.createOutputTopic(fx.env.topics().policiesValid().name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        catalog = fx.driver.getKeyValueStore(SlaPolicyChannel.CATALOG_STORE);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void shouldWithdrawAPolicyOnATombstone() throws Exception {
        // given policy "fast" in force
        fx.policies.pipeInput("fast", policy("fast", 1), T0);
        assertThat(catalog.get("fast")).isNotNull();

        // when it is withdrawn
        fx.policies.pipeInput("fast", null, T0);

        // then the tombstone reaches the valid topic and the catalog, and nothing is dead-lettered
        assertThat(valid.readValuesToList()).hasSize(2).last().isNull();
        assertThat(catalog.get("fast")).isNull();
        assertThat(fx.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseAPolicyUnderAnotherKeyAsAnInvalidPolicy() throws Exception {
        // when
        fx.policies.pipeInput("other", policy("fast", 1), T0);

        // then
        assertThat(fx.deadLetters.readRecordsToList()).singleElement().satisfies(r -> {
            DeadLetter letter = DeadLetter.fromHeaders(r.headers()).orElseThrow();
            assertThat(letter.reason().name()).isEqualTo("INVALID_POLICY");
            assertThat(letter.detail()).isEqualTo("record key 'other' differs from the policy's key 'fast'; publish it under its own key");
        });
        assertThat(fx.metrics.find("slamon.dead.letters").tag("stage", "sla-policy").counter().count()).isEqualTo(1.0);
        assertThat(valid.isEmpty()).isTrue();
    }

    private static byte[] policy(String id, int version) throws Exception {
        ObjectNode doc = (ObjectNode) Json.mapper().readTree(BundledDocument.bytes(SlaPolicyChannel.class,
                SlaPolicyChannel.DEFAULT_POLICY));
        doc.put("id", id).put("version", version).put("priority", 5);
        return Json.mapper().writeValueAsBytes(doc);
    }
}
