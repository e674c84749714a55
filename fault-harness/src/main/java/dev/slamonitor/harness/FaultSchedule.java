package dev.slamonitor.harness;

import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects a profile's faults at their times, on its own thread: kill -9 and restart of a processor,
 * SIGSTOP and SIGCONT of a processor, kill -9 and restart of a broker, and an input burst
 * (re-deliveries of one event spread over every partition). Each injected fault is kept as a
 * {@link Injected}, with its window and the {@link Recovery} the observer measures for it.
 */
final class FaultSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSchedule.class);
    /** Alerts due up to this long after a fault ended still count as due during it. */
    static final Duration AFTERMATH = Duration.ofSeconds(15);

    /** One injected fault: what, when, and how long processing took to recover from it. */
    record Injected(String label, Profile.Kind kind, Instant began, Instant ended, Recovery recovery) {

        Instant windowEnd() {
            return ended.plus(AFTERMATH);
        }
    }

    private final Profile profile;
    private final HarnessCluster cluster;
    private final Observer observer;
    private final Instant start;
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final long seed;
    private final List<Injected> injected = new CopyOnWriteArrayList<>();

    FaultSchedule(Profile profile, HarnessCluster cluster, Observer observer, Instant start, KafkaProducer<String, byte[]> producer,
                  String topic, long seed) {
        this.profile = profile;
        this.cluster = cluster;
        this.observer = observer;
        this.start = start;
        this.producer = producer;
        this.topic = topic;
        this.seed = seed;
    }

    /** Starts the schedule on a daemon thread. */
    Thread start() {
        Thread faults = new Thread(this::run, "harness-faults");
        faults.setDaemon(true);
        faults.start();
        return faults;
    }

    List<Injected> injected() {
        return List.copyOf(injected);
    }

    private void run() {
        try {
            for (Profile.Fault f : profile.faults()) {
                long wait = Duration.between(Instant.now(), start.plus(f.at())).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                Instant began = Instant.now();
                Recovery recovery;
                String what = switch (f.kind()) {
                    case KILL_PROCESSOR -> {
                        ChildProcess p = cluster.processor(f.target());
                        p.kill();
                        observer.killed(p.name(), System.currentTimeMillis());
                        recovery = observer.recoveryFrom(began.toEpochMilli(), p.name(), false);
                        Thread.sleep(f.holdFor().toMillis());
                        p.start();
                        yield "kill -9 " + p.name() + ", restarted after " + f.holdFor().toSeconds() + " s";
                    }
                    case FREEZE_PROCESSOR -> {
                        ChildProcess p = cluster.processor(f.target());
                        p.freeze();
                        recovery = observer.recoveryFrom(began.toEpochMilli(), p.name(), false);
                        Thread.sleep(f.holdFor().toMillis());
                        p.thaw();
                        yield "SIGSTOP " + p.name() + " for " + f.holdFor().toSeconds() + " s (session timeout " + cluster.sessionTimeout()
                                + "), SIGCONT";
                    }
                    case KILL_BROKER -> {
                        ChildProcess b = cluster.broker(f.target());
                        b.kill();
                        recovery = observer.recoveryFrom(began.toEpochMilli(), null, false);
                        Thread.sleep(f.holdFor().toMillis());
                        b.start();
                        yield "kill -9 " + b.name() + ", restarted after " + f.holdFor().toSeconds() + " s";
                    }
                    case BURST -> {
                        recovery = observer.recoveryFrom(began.toEpochMilli(), null, true);
                        burst(f.target());
                        yield "burst of " + f.target() + " events in " + Duration.between(began, Instant.now()).toMillis() + " ms";
                    }
                };
                Instant ended = Instant.now();
                recovery.actionEnded(ended.toEpochMilli());
                String label = String.format("t+%ds %s", Duration.between(start, began).toSeconds(), what);
                injected.add(new Injected(label, f.kind(), began, ended, recovery));
                LOG.info("HARNESS fault at t+{}s: {} (input pending {})", Duration.between(start, began).toSeconds(), what,
                        observer.pending());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Re-deliveries of one event (no-ops for the engine, but each must be read), spread over every partition. */
    private void burst(int events) {
        TicketEvent again = TicketEvent.builder(EventType.TICKET_OPENED, "fill-" + seed, "FILL-" + seed, Instant.now())
                .severity(Severity.LOW).customer(new Customer("C-FILL", "business", false, "UTC")).team("harness")
                .channel("email").build();
        byte[] bytes = FaultHarness.json(again);
        for (int i = 0; i < events; i++) {
            producer.send(new ProducerRecord<>(topic, i % HarnessCluster.PARTITIONS, again.ticketId(), bytes));
        }
        producer.flush();
    }
}
