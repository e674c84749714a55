package dev.slamonitor.bench;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * (b) breach lateness at one open-ticket step: opens probe tickets ({@code PROBE-<step>-*}, policy
 * {@code bench-probe}: first response 4 s) at 50 per second and measures, per first-response
 * BREACH, when a read_committed consumer sees it minus its deadline and {@code firedAt - deadline}.
 */
final class BreachProbe {

    /** The lateness seen by a read_committed consumer, and the engine's own delay. */
    record Result(Lateness visible, Lateness fired) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(BreachProbe.class);
    private static final long SPACING_MS = 20; // 50 probe openings per second
    private static final long PROBE_TARGET_MS = 4_000;

    private final String events;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> alerts;

    BreachProbe(String events, KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> alerts) {
        this.events = events;
        this.producer = producer;
        this.alerts = alerts;
    }

    Result run(int step, int probes) throws Exception {
        Histogram visible = Lateness.histogram();
        Histogram fired = Lateness.histogram();
        String prefix = "PROBE-" + step + "-";
        long lastOpen = 0;
        int opened = 0;
        long until = Long.MAX_VALUE;
        long started = System.currentTimeMillis();
        while (visible.getTotalCount() < probes) {
            long now = System.currentTimeMillis();
            if (opened < probes && now - lastOpen >= SPACING_MS) {
                String id = prefix + opened;
                BenchCluster.send(producer, events, TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, Instant.ofEpochMilli(now))
                        .severity(Severity.values()[opened % 4])
                        .customer(new Customer("C-probe", "business", false, "Europe/Berlin"))
                        .team("payments").channel("email").tier(SupportTier.L1).build());
                producer.flush();
                lastOpen = now;
                opened++;
                if (opened == probes) {
                    until = now + PROBE_TARGET_MS + 60_000;
                }
            }
            for (ConsumerRecord<String, byte[]> r : alerts.poll(Duration.ofMillis(5))) {
                long seenAt = System.currentTimeMillis();
                if (r.key() == null || !r.key().startsWith(prefix)) {
                    continue;
                }
                Alert alert = Json.mapper().readValue(r.value(), Alert.class);
                if (alert.type() == AlertType.BREACH && "first_response".equals(alert.clock())) {
                    long deadline = alert.deadline().toEpochMilli();
                    Lateness.record(visible, seenAt - deadline);
                    Lateness.record(fired, alert.firedAt().toEpochMilli() - deadline);
                }
            }
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("Only " + visible.getTotalCount() + " of " + probes
                        + " probe breaches within a minute after the last deadline");
            }
        }
        LOG.info("{} probes at {} open tickets took {} s", probes, step, (System.currentTimeMillis() - started) / 1000);
        return new Result(Lateness.of(visible), Lateness.of(fired));
    }
}
