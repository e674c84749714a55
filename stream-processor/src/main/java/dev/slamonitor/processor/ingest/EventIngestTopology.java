package dev.slamonitor.processor.ingest;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.event.TicketEventReader;
import dev.slamonitor.processor.kernel.DeadLetterSink;
import dev.slamonitor.processor.kernel.Result;
import dev.slamonitor.processor.kernel.Results;
import dev.slamonitor.topic.TopicSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Entry of every feature: reads the events topic as bytes, sends what cannot be read to the
 * dead-letter topic and returns the stream of valid events (timestamped with event time) that the
 * feature topologies subscribe to.
 *
 * <p>Valid events are repartitioned by ticketId (Java's murmur2 through a named repartition topic)
 * before any feature sees them: the producer's partitioner no longer matters (librdkafka's CRC32
 * default, Java's murmur2 and explicit partitions all work), and a ticket's events meet its
 * acknowledgements, which are repartitioned the same way. Cost: one more write and read per event
 * (docs/benchmarks.md).
 */
public final class EventIngestTopology {

    /** Name of the repartition step; its topic is {@code <application.id>-events-by-ticket-repartition}. */
    public static final String REPARTITION = "events-by-ticket";

    private EventIngestTopology() {
    }

    /** @param reader the one event reader (the HTTP ingest uses the same class and settings) */
    public static KStream<String, TicketEvent> addTo(StreamsBuilder builder, TopicSpec<String, byte[]> events,
                                                     DeadLetterSink deadLetters, TicketEventReader reader,
                                                     MeterRegistry registry) {
        Counter accepted = Counter.builder("slamon.events.accepted")
                .description("Ticket events read and accepted (the others are dead letters of stage events)").register(registry);
        KStream<String, Result<TicketEvent>> parsed = builder
                .stream(events.name(), Consumed.with(events.keySerde(), events.valueSerde()).withName("events-source"))
                .processValues(() -> new EventParser(reader, accepted), Named.as("events-parse"));
        return Results.catchErrors(parsed, deadLetters, "events")
                .repartition(Repartitioned.<String, TicketEvent>as(REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(new TicketEventSerde()));
    }
}
