package dev.slamonitor.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.processor.metrics.domain.TicketFacts;
import dev.slamonitor.processor.store.StoreSerde;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TicketFactsStoreTest {

    @Test
    void shouldReadFactsStoredBeforeTheResolvedFlagExistedAsNeverResolved() {
        // given facts as an earlier version stored them (no "resolved")
        byte[] old = """
                {"openedAt":1764000000000,"severity":"high","tier":"L2","escalated":true,"countedEventIds":["e-1","e-2"]}
                """.getBytes(StandardCharsets.UTF_8);

        // when
        TicketFacts facts = StoreSerde.of(TicketFacts.class).deserializer().deserialize("t", old);

        // then
        assertThat(facts.escalated()).isTrue();
        assertThat(facts.resolved()).isFalse();
        assertThat(facts.countedEventIds()).containsExactlyInAnyOrder("e-1", "e-2");
    }

    @Test
    void shouldKeepTheResolvedFlagThroughTheStore() {
        TicketFacts facts = new TicketFacts(java.time.Instant.parse("2026-11-01T00:00:00Z"), null,
                dev.slamonitor.event.SupportTier.L1, true, java.util.Set.of("e-1"), true);
        StoreSerde<TicketFacts> serde = StoreSerde.of(TicketFacts.class);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", facts))).isEqualTo(facts);
    }
}
