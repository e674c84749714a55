package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.JsonSerde;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.topic.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The ticket-state and SLA feature: per-ticket state, de-duplication, snapshots to the state topic,
 * alerts to the alerts topic, refusals to the dead-letter topic.
 */
public final class SlaTopology {

    private SlaTopology() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, TicketEvent> events, TopologyEnv env) {
        Topics topics = env.topics();
        Duration dedupRetention = env.config().duration("processor.dedup.retention");
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SlaStores.TICKETS),
                Serdes.String(), JsonSerde.of(Ticket.class)));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SlaStores.EVENT_IDS, dedupRetention.multipliedBy(2), dedupRetention, false),
                Serdes.String(), Serdes.Long()));

        KStream<String, TicketOutput> outputs = events.process(() -> new TicketProcessor(dedupRetention),
                Named.as("sla-apply-event"), SlaStores.TICKETS, SlaStores.EVENT_IDS);

        var branches = outputs.split(Named.as("sla-output-"))
                .branch((k, o) -> o.snapshot() != null, Branched.as("snapshot"))
                .branch((k, o) -> o.alert() != null, Branched.as("alert"))
                .defaultBranch(Branched.as("rejection"));
        branches.get("sla-output-snapshot")
                .mapValues(TicketOutput::snapshot, Named.as("sla-snapshot-unwrap"))
                .to(topics.state().name(), Produced.with(topics.state().keySerde(), topics.state().valueSerde())
                        .withName("sla-snapshot-sink"));
        branches.get("sla-output-alert")
                .mapValues(TicketOutput::alert, Named.as("sla-alert-unwrap"))
                .to(topics.alerts().name(), Produced.with(topics.alerts().keySerde(), topics.alerts().valueSerde())
                        .withName("sla-alert-sink"));
        env.deadLetters().route(branches.get("sla-output-rejection")
                .mapValues(TicketOutput::rejection, Named.as("sla-rejection-unwrap")), "sla");
    }
}
