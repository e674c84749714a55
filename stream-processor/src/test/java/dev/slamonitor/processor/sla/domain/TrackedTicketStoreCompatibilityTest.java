package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.processor.store.StoreJson;

import static dev.slamonitor.processor.TestEvents.opened;
import static dev.slamonitor.processor.TestEvents.simple;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.processor.store.StoreSerde;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Values of the per-ticket store ({@link TrackedTicket} through {@link StoreSerde}) written before
 * clocks had a stop time, a pause total and a cycle history must still restore, in Smile and in the
 * older text JSON, and the engine must carry on from them.
 */
class TrackedTicketStoreCompatibilityTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final SlaPolicy POLICY = SlaPolicyChannel.defaultPolicy();
    private static final TicketRetention RETENTION = TicketRetention.of(Duration.ofDays(30));
    private final StoreSerde<TrackedTicket> serde = StoreSerde.of(TrackedTicket.class);

    /** A value as the store held it before cycle history: today's JSON without the new fields. */
    private static ObjectNode valueWithoutHistory() throws Exception {
        var open = opened("OLD-1", Severity.CRITICAL, T0);
        Ticket ticket = TicketEventApplier.apply(null, open).ticket();
        SlaState sla = SlaEngine.onEvent(null, null, ticket, open, POLICY, RETENTION, T0).state();
        ObjectNode tree = StoreJson.mapper().valueToTree(new TrackedTicket(ticket, sla, SeenEvents.NONE));
        ObjectNode slaNode = (ObjectNode) tree.get("sla");
        slaNode.remove("history");
        for (JsonNode clock : slaNode.get("clocks")) {
            ((ObjectNode) clock).remove("stoppedAt");
            ((ObjectNode) clock).remove("pausedMillis");
        }
        assertThat(slaNode.toString()).doesNotContain("history", "stoppedAt", "pausedMillis");
        return tree;
    }

    @Test
    void shouldRestoreAnOldSmileValueWithAnEmptyHistory() throws Exception {
        // given an old value in the store's Smile format
        byte[] smile = new ObjectMapper(new SmileFactory()).writeValueAsBytes(valueWithoutHistory());

        // when it is read back
        TrackedTicket restored = serde.deserializer().deserialize("sla-ticket-state-changelog", smile);

        // then it has its clocks, no stop times, and an empty history
        assertThat(restored.sla().history()).isEqualTo(SlaHistory.EMPTY);
        assertThat(restored.sla().clocks()).isNotEmpty();
        assertThat(restored.sla().clocks().values()).allSatisfy(c -> {
            assertThat(c.stoppedAt()).isNull();
            assertThat(c.pausedMillis()).isZero();
        });
    }

    @Test
    void shouldRestoreAnOldTextValueAndCarryOnFromIt() throws Exception {
        // given an old value in the text JSON that preceded Smile
        byte[] text = StoreJson.mapper().writeValueAsBytes(valueWithoutHistory());
        TrackedTicket restored = serde.deserializer().deserialize("sla-ticket-state-changelog", text);

        // when the agent replies
        var reply = simple(EventType.AGENT_REPLIED, "OLD-1", T0.plus(Duration.ofMinutes(5)));
        Ticket after = TicketEventApplier.apply(restored.ticket(), reply).ticket();
        SlaState next = SlaEngine.onEvent(restored.sla(), restored.ticket(), after, reply, POLICY, RETENTION,
                reply.occurredAt()).state();

        // then the history starts from there, and the new value round-trips
        assertThat(next.clocks().get(ClockKind.FIRST_RESPONSE).stoppedAt()).isEqualTo(reply.occurredAt());
        assertThat(next.history().cycles()).extracting(ClockCycle::clock).contains("first_response");
        TrackedTicket again = serde.deserializer().deserialize("t",
                serde.serializer().serialize("t", restored.withSla(next)));
        assertThat(again.sla()).isEqualTo(next);
    }
}
