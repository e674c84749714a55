package dev.slamonitor.processor.sla;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.kernel.OutputRoutes;
import dev.slamonitor.processor.kernel.Results;
import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import dev.slamonitor.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The ticket-state and SLA feature: per-ticket state, de-duplication, SLA clocks and timers, policy
 * catalog, alert acknowledgements; snapshots to the state topic, alerts to the alerts topic,
 * refusals (bad events, policies, acks) to the dead-letter topic.
 */
public final class SlaTopology {

    /**
     * Name of the acknowledgements' repartition step (topic {@code <application.id>-sla-acks-by-ticket-repartition}):
     * acks are re-keyed onto the same partitioner as the events, whatever partitioner their producer used.
     */
    public static final String ACK_REPARTITION = "sla-acks-by-ticket";

    private SlaTopology() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, TicketEvent> events, TopologyEnv env) {
        Topics topics = env.topics();
        SlaSettings settings = SlaSettings.from(env.config());
        SlaPolicy fallback = SlaPolicyChannel.defaultPolicy();
        SlaPolicyChannel.addTo(builder, env);
        // Record caching on the per-event stores: several writes to one key within a commit interval
        // reach RocksDB and the changelog once, and a timer scheduled and moved again is never logged.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SlaStores.TICKETS),
                Serdes.String(), new TrackedTicketSerde()).withCachingEnabled());
        builder.addStateStore(DeadlineIndex.storeBuilder(SlaStores.DEADLINES).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SlaStores.POLICY_SWEEP),
                Serdes.String(), Serdes.String()));

        KStream<String, TicketInput> acks = Results.catchErrors(builder.stream(topics.acks().name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("sla-ack-source"))
                .processValues(AckReader::new, Named.as("sla-ack-read")), env.deadLetters(), "sla-ack");
        KStream<String, TicketInput> inputs = events.mapValues(TicketInput::ofEvent, Named.as("sla-event-wrap"))
                .merge(acks
                                .repartition(Repartitioned.<String, TicketInput>as(ACK_REPARTITION)
                                        .withKeySerde(Serdes.String()).withValueSerde(new TicketInputSerde())),
                        Named.as("sla-input-merge"));

        KStream<String, TicketOutput> outputs = inputs.process(() -> new TicketProcessor(settings, fallback, env.metrics(), env.alerts(), env.inputWatermark()),
                Named.as("sla-apply-event"), SlaStores.TICKETS, SlaStores.DEADLINES, SlaStores.POLICY_SWEEP);

        OutputRoutes.of(outputs, TicketOutput.class, "sla")
                .toTopic(TicketOutput.Snapshot.class, "snapshot", topics.state(), TicketOutput.Snapshot::snapshot)
                .toTopic(TicketOutput.Forgotten.class, "forgotten", topics.state(), forgotten -> null)
                .toTopic(TicketOutput.Raised.class, "alert", topics.alerts(), TicketOutput.Raised::alert)
                .toDeadLetters(TicketOutput.Refused.class, "rejection", env.deadLetters(), TicketOutput.Refused::rejection, "sla")
                .end();
    }
}
