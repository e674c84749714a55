package dev.slamonitor.standalone.demo;

import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes synthetic help-desk traffic to the events topic: a new ticket every few seconds, each
 * playing a {@link Scenario} in real time, plus one malformed record a minute so the dead-letter path
 * has something to show.
 */
public final class DemoTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-traffic");
        t.setDaemon(true);
        return t;
    });
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final DemoScenarios scenarios = new DemoScenarios(new Random());
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final String runId = Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase(java.util.Locale.ROOT);

    public DemoTraffic(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> props = new java.util.HashMap<>(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    public void start(int ticketsPerMinute) {
        long periodMs = Math.max(100, 60_000L / Math.max(1, ticketsPerMinute));
        scheduler.scheduleAtFixedRate(this::openTicket, 0, periodMs, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::publishMalformed, 5, 60, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(() -> LOG.info("Demo traffic: {} tickets, {} events published", tickets.get(),
                events.get()), 60, 60, TimeUnit.SECONDS);
        LOG.info("Demo traffic: {} new tickets per minute on topic {}", ticketsPerMinute, topic);
    }

    /** The id of the n-th ticket this run opens (the first one, n = 1, is opened as soon as it starts). */
    public String ticketId(long n) {
        return "DEMO-" + runId + "-" + n;
    }

    private void openTicket() {
        String ticketId = ticketId(tickets.incrementAndGet());
        Scenario scenario = scenarios.next(ticketId);
        for (Scenario.Step step : scenario.steps()) {
            scheduler.schedule(() -> publish(step.event().apply(Instant.now())), step.after().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void publish(TicketEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), event.ticketId(),
                    Json.mapper().writeValueAsBytes(event)), (meta, error) -> {
                if (error != null) {
                    LOG.warn("Demo event {} not published: {}", event.eventId(), error.getMessage());
                }
            });
            events.incrementAndGet();
        } catch (Exception e) {
            LOG.warn("Demo event {} not published: {}", event.eventId(), e.getMessage());
        }
    }

    private void publishMalformed() {
        producer.send(new ProducerRecord<>(topic, "DEMO-BROKEN",
                "{\"type\":\"TICKET_OPENED\",\"ticketId\":\"DEMO-BROKEN\"".getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
