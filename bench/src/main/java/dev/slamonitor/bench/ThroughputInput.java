package dev.slamonitor.bench;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The input of part (a): tickets' events, produced once per round and read by all five applications. */
final class ThroughputInput {

    private static final int BLOCK = 1_000;

    private ThroughputInput() {
    }

    /** One input record as the benchmark publishes it. */
    private record Input(String key, byte[] value, long timestamp) {
    }

    static long produce(BenchCluster cluster, String topic, String idPrefix, int tickets, int eventsPerTicket) throws Exception {
        List<Input> events = events(idPrefix, tickets, eventsPerTicket);
        try (KafkaProducer<String, byte[]> producer = cluster.producer()) {
            for (Input e : events) {
                producer.send(new ProducerRecord<>(topic, null, e.timestamp(), e.key(), e.value()));
            }
            producer.flush();
        }
        return events.size();
    }

    /**
     * One TICKET_OPENED then alternating customer and agent replies per ticket. Tickets go in blocks
     * of {@value #BLOCK}: the block's first events, then its second events, and so on, so one ticket's
     * events are a block apart, as in production where they arrive minutes or hours apart, and the
     * record cache cannot fold them into one changelog write.
     */
    private static List<Input> events(String idPrefix, int tickets, int eventsPerTicket) throws Exception {
        // Recent events with millisecond precision, as help desks send them: the run measures event
        // processing, not a catch-up burst of timers (part (b) measures timers).
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(1));
        List<Input> events = new ArrayList<>(tickets * eventsPerTicket);
        for (int block = 0; block < tickets; block += BLOCK) {
            for (int e = 0; e < eventsPerTicket; e++) {
                for (int i = block; i < Math.min(tickets, block + BLOCK); i++) {
                    TicketEvent event = event(idPrefix + "-" + i, i, e, t0.plusMillis(i));
                    events.add(new Input(event.ticketId(), Json.mapper().writeValueAsBytes(event), event.occurredAt().toEpochMilli()));
                }
            }
        }
        return events;
    }

    private static TicketEvent event(String id, int i, int e, Instant openedAt) {
        if (e == 0) {
            return TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, openedAt)
                    .severity(Severity.values()[i % 4]).customer(new Customer("C-" + (i % 500), "business", i % 50 == 0, "Europe/Berlin"))
                    .team("payments").channel("email").tier(SupportTier.L1).build();
        }
        EventType type = e % 2 == 1 ? EventType.CUSTOMER_REPLIED : EventType.AGENT_REPLIED;
        return TicketEvent.builder(type, id + "-" + e, id, openedAt.plusSeconds(e)).build();
    }
}
