package dev.slamonitor.processor;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.processor.ingest.EventIngestTopology;
import dev.slamonitor.processor.metrics.MetricsTopology;
import dev.slamonitor.processor.refund.RefundTopology;
import dev.slamonitor.processor.knowledge.KnowledgeTopology;
import dev.slamonitor.processor.sla.SlaTopology;
import dev.slamonitor.event.TicketEventReader;
import dev.slamonitor.topic.Topics;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/** Composes the feature topologies over the one stream of valid ticket events. */
public final class ProcessorTopology {

    private ProcessorTopology() {
    }

    public static Topology build(TopologyEnv env) {
        // the topology config carries the processor wrapper that turns Errors into dead letters
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(env.streamsProperties())));
        addTo(builder, env);
        return builder.build();
    }

    /**
     * Adds every feature to {@code builder}. The one-pass configuration check calls this with a plain
     * builder, so that a bad pass-through Streams value (reported by its own check) cannot hide the
     * features' settings.
     */
    public static void addTo(StreamsBuilder builder, TopologyEnv env) {
        KStream<String, TicketEvent> events = EventIngestTopology.addTo(builder, env.topics().events(), env.deadLetters(),
                TicketEventReader.from(env.config()), env.metrics());
        SlaTopology.addTo(builder, events, env);
        MetricsTopology.addTo(builder, events, env);
        RefundTopology.addTo(builder, events, env);
        KnowledgeTopology.addTo(builder, events, env);
    }

    /**
     * The topics the timers depend on, in pipeline order: the input topics, then the repartition
     * topics that re-key them by ticket (what {@link dev.slamonitor.processor.kernel.InputLagProbe} chains).
     */
    public static List<List<String>> inputStages(Topics topics, String applicationId) {
        return List.of(List.of(topics.events().name(), topics.acks().name()),
                List.of(repartitionTopic(applicationId, EventIngestTopology.REPARTITION),
                        repartitionTopic(applicationId, SlaTopology.ACK_REPARTITION)));
    }

    private static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }
}
