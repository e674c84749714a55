package dev.slamonitor.processor.metrics;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.store.StoreSerde;
import dev.slamonitor.processor.TopologyEnv;
import dev.slamonitor.processor.kernel.DeadlineIndex;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The business-metrics feature: counts openings, escalations, resolutions, time to escalate and CSAT
 * of escalated tickets from the stream of valid events, and publishes the configured business
 * targets as gauges. It emits no records; its output is the meter registry (docs/metrics.md).
 */
public final class MetricsTopology {

    private MetricsTopology() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, TicketEvent> events, TopologyEnv env) {
        BusinessTargets.register(env.config(), env.metrics());
        Duration retention = env.config().duration("metrics.ticket.retention");
        Duration expiryInterval = env.config().duration("metrics.expiry.interval");
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MetricsStores.TICKET_FACTS),
                Serdes.String(), StoreSerde.of(BusinessMetricsProcessor.ExpiringFacts.class)).withCachingEnabled());
        builder.addStateStore(DeadlineIndex.storeBuilder(MetricsStores.TICKET_EXPIRY).withCachingEnabled());
        events.process(() -> new BusinessMetricsProcessor(env.metrics(), retention, expiryInterval),
                Named.as("metrics-record-event"), MetricsStores.TICKET_FACTS, MetricsStores.TICKET_EXPIRY);
    }
}
