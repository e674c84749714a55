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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One burst of the (e) part against the running processor: loads N tickets opened at one instant
 * (all first-response deadlines on one instant), then, from shortly before that deadline, opens a
 * live ticket every {@link #LIVE_SPACING_MS} and measures each BREACH's visibility and
 * {@code firedAt} against the deadline and each live ticket's time until its snapshot is visible.
 */
final class BurstRun {

    /** One burst of {@code tickets} breaches due at one instant. */
    record Burst(int tickets, Lateness visible, Lateness fired, Lateness liveEvents, long allVisibleAfterMs) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(BurstRun.class);
    private static final long LIVE_SPACING_MS = 20;

    private final String applicationId;
    private final String events;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> alerts;
    private final KafkaConsumer<String, byte[]> state;
    private final Admin admin;

    BurstRun(String applicationId, String events, KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> alerts,
             KafkaConsumer<String, byte[]> state, Admin admin) {
        this.applicationId = applicationId;
        this.events = events;
        this.producer = producer;
        this.alerts = alerts;
        this.state = state;
        this.admin = admin;
    }

    /** @param lead the time from the shared opening instant to the shared deadline (the policy's target) */
    Burst run(int n, Duration lead) throws Exception {
        String prefix = "BURST" + n + "-";
        Instant opened = Instant.now();
        long deadline = opened.plus(lead).toEpochMilli();
        load(prefix, n, opened);
        long loadedAt = System.currentTimeMillis();
        LOG.info("{} burst tickets loaded in {} s, {} s before their shared deadline", n,
                (loadedAt - opened.toEpochMilli()) / 1000, (deadline - loadedAt) / 1000);
        if (loadedAt > deadline - lead.toMillis() / 4) {
            LOG.warn("burst {}: loading ran past the warning instant; raise bench.burst.lead.seconds", n);
        }
        if (loadedAt >= deadline) {
            LOG.warn("burst {}: loading ended {} ms after the shared deadline; the lateness below includes loading", n,
                    loadedAt - deadline);
        }
        skipLoadedSnapshots(deadline);
        return measure(n, prefix, deadline);
    }

    private void load(String prefix, int n, Instant opened) throws Exception {
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            BenchCluster.send(producer, events, TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, opened)
                    .severity(Severity.values()[i % 4])
                    .customer(new Customer("C-" + (i % 5000), "business", false, "Europe/Berlin"))
                    .team("payments").channel("email").tier(SupportTier.L1).build());
        }
        producer.flush();
        BenchCluster.awaitConsumed(admin, applicationId, events, 3, Duration.ofMinutes(30));
    }

    /**
     * Skips the openings' snapshots already committed, so that polls during the burst see new records
     * (alerts are not skipped: a breach may already be out when loading was slow), for at most a
     * second and never past the deadline: once timers fire, the topic never goes quiet.
     */
    private void skipLoadedSnapshots(long deadline) {
        long skipUntil = Math.min(System.currentTimeMillis() + 1_000, deadline);
        while (System.currentTimeMillis() < skipUntil && !state.poll(Duration.ofMillis(100)).isEmpty()) {
            // keep reading
        }
    }

    private Burst measure(int n, String prefix, long deadline) throws Exception {
        Histogram visible = Lateness.histogram();
        Histogram fired = Lateness.histogram();
        Histogram live = Lateness.histogram();
        Map<String, Long> liveSent = new HashMap<>();
        String livePrefix = "LIVE" + n + "-";
        int liveCount = 0;
        long lastLive = 0;
        long lastBreachSeen = 0;
        long until = deadline + TimeUnit.MINUTES.toMillis(5);
        while (visible.getTotalCount() < n) {
            long now = System.currentTimeMillis();
            if (now > until) {
                throw new IllegalStateException("burst " + n + ": only " + visible.getTotalCount() + " breaches after 5 minutes");
            }
            if (now - lastLive >= LIVE_SPACING_MS && now >= deadline - 2_000) {
                String id = livePrefix + liveCount++;
                BenchCluster.send(producer, events, TicketEvent.builder(EventType.TICKET_OPENED, id + "-0", id, Instant.ofEpochMilli(now))
                        .severity(Severity.LOW).customer(new Customer("C-live", "business", false, "Europe/Berlin"))
                        .team("payments").channel("email").tier(SupportTier.L1).build());
                producer.flush();
                liveSent.put(id, now);
                lastLive = now;
            }
            for (ConsumerRecord<String, byte[]> r : alerts.poll(Duration.ofMillis(2))) {
                if (r.key() == null || !r.key().startsWith(prefix)) {
                    continue;
                }
                long seenAt = System.currentTimeMillis();
                Alert alert = Json.mapper().readValue(r.value(), Alert.class);
                if (alert.type() == AlertType.BREACH && "first_response".equals(alert.clock())) {
                    Lateness.record(visible, seenAt - alert.deadline().toEpochMilli());
                    Lateness.record(fired, alert.firedAt().toEpochMilli() - alert.deadline().toEpochMilli());
                    lastBreachSeen = seenAt;
                }
            }
            recordLive(liveSent, live, Duration.ofMillis(2), lastBreachSeen + LIVE_SPACING_MS);
        }
        // the live events sent during the burst whose snapshots are not seen yet
        long drainUntil = System.currentTimeMillis() + 30_000;
        while (!liveSent.isEmpty() && System.currentTimeMillis() < drainUntil) {
            recordLive(liveSent, live, Duration.ofMillis(50), lastBreachSeen);
        }
        return new Burst(n, Lateness.of(visible), Lateness.of(fired), Lateness.of(live), lastBreachSeen - deadline);
    }

    /** Polls the state topic once; records live tickets sent at or before {@code sentBy} whose snapshot arrived. */
    private void recordLive(Map<String, Long> liveSent, Histogram live, Duration poll, long sentBy) {
        for (ConsumerRecord<String, byte[]> r : state.poll(poll)) {
            Long sentAt = r.key() == null ? null : liveSent.remove(r.key());
            if (sentAt != null && sentAt <= sentBy) {
                Lateness.record(live, System.currentTimeMillis() - sentAt);
            }
        }
    }
}
