package dev.slamonitor.harness;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.ProcessorTopology;
import dev.slamonitor.processor.refdata.BundledDocument;
import dev.slamonitor.processor.sla.SlaPolicyChannel;
import dev.slamonitor.topic.KafkaClientConfig;
import dev.slamonitor.topic.TopicProvisioner;
import dev.slamonitor.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault-injection harness: a 3-node KRaft cluster (RF 3, min.insync.replicas 2), stream processors
 * and the alert API as separate JVMs ({@link HarnessCluster}), a seeded workload published through a
 * Java (murmur2) and a CRC32 (librdkafka default) producer, faults on a schedule ({@link FaultSchedule}),
 * and a report of what the on-call side saw against what the {@link Oracle} expects ({@link HarnessReport}).
 *
 * <p>Run: {@code java -cp <fault-harness classpath> dev.slamonitor.harness.FaultHarness [short|long|long-<min>] [seed]},
 * or through Maven (docs/reliability.md). Every figure is logged as one line starting with {@code HARNESS}.
 */
public final class FaultHarness {

    private static final Logger LOG = LoggerFactory.getLogger(FaultHarness.class);
    private static final Duration DRAIN = Duration.ofSeconds(75);

    private final Profile profile;
    private final long seed;
    private final HarnessCluster cluster;

    private FaultHarness(Profile profile, long seed, HarnessCluster cluster) {
        this.profile = profile;
        this.seed = seed;
        this.cluster = cluster;
    }

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.named(args.length > 0 ? args[0] : "short");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        HarnessReport report = run(profile, seed);
        System.exit(report.passed() ? 0 : 1);
    }

    /** Runs one profile end to end and returns its report (also logged line by line). */
    public static HarnessReport run(Profile profile, long seed) throws Exception {
        try (HarnessCluster cluster = new HarnessCluster(Files.createTempDirectory("fault-harness-"))) {
            return new FaultHarness(profile, seed, cluster).execute();
        }
    }

    private HarnessReport execute() throws Exception {
        String loadAtStart = loadAverage();
        cluster.startBrokers();
        AppConfig config = cluster.processorConfig(0);
        TopicProvisioner.ensureTopics(config, Topics.from(config).all());
        Topics topics = Topics.from(config);
        SlaPolicyChannel.publishIfNewer(KafkaClientConfig.common(config), topics.policies().name(),
                BundledDocument.bytes(FaultHarness.class, "/policies/harness-policy.json"));
        for (int i = 0; i < profile.processors(); i++) {
            cluster.startProcessor(i);
        }
        cluster.startApi();
        cluster.awaitReady(Duration.ofSeconds(180));
        cluster.awaitPolicyValid(topics.policiesValid().name());
        // the global store, then each task's catalog cache, pick the policy up shortly after it is valid
        Thread.sleep(5_000);

        Instant start = Instant.now().plusSeconds(2);
        Workload workload = new Workload(seed, start, profile.workload(), profile.ticketsPerSecond());
        Map<String, Workload.Kind> kinds = new ConcurrentHashMap<>();
        workload.tickets().forEach(t -> kinds.put(t.id(), t.kind()));
        try (Admin admin = cluster.admin();
             Acknowledger acks = new Acknowledger(cluster.apiPort(), kinds);
             AlertRecorder recorder = new AlertRecorder(cluster.bootstrap(), topics.alerts().name(), "H-", acks::onAlert);
             Observer observer = new Observer(admin, HarnessCluster.APP_ID, stagedTopics(topics), cluster.processorPorts());
             InputApplied applied = InputApplied.sampling(admin, HarnessCluster.APP_ID,
                     ProcessorTopology.inputStages(topics, HarnessCluster.APP_ID));
             KafkaProducer<String, byte[]> java = cluster.producer(false);
             KafkaProducer<String, byte[]> crc = cluster.producer(true)) {
            FaultSchedule schedule = new FaultSchedule(profile, cluster, observer, start, java, topics.events().name(), seed);
            Thread faults = schedule.start();
            LateInput lateInput = new LateInput();
            publish(workload, java, crc, topics.events().name(), lateInput);
            List<Oracle.Expected> expected = Oracle.expected(workload);
            awaitAlerts(recorder, expected, start.plus(profile.workload()).plus(DRAIN), observer);
            faults.join(60_000);
            Thread.sleep(3_000); // late duplicates, if any, show up here
            HarnessReport report = HarnessReport.of(profile, seed, expected, recorder.seen(), acks.acceptedAt(),
                    schedule.injected(), config.duration("sla.punctuation.interval"),
                    new FaultLateness.TimerCycle(config.duration("sla.timer.lag.probe.interval"), config.duration("sla.punctuation.interval"),
                            Duration.ofMillis(config.integer("streams.commit.interval.ms", 0, Integer.MAX_VALUE))),
                    observer, applied, lateInput, loadAtStart, loadAverage()).log();
            explainMissingBreaches(report, workload, recorder);
            return report;
        }
    }

    private static List<String> stagedTopics(Topics topics) {
        List<String> all = new ArrayList<>();
        ProcessorTopology.inputStages(topics, HarnessCluster.APP_ID).forEach(all::addAll);
        return all;
    }

    private void publish(Workload workload, KafkaProducer<String, byte[]> java, KafkaProducer<String, byte[]> crc,
                         String topic, LateInput lateInput) throws InterruptedException {
        for (Workload.Planned p : workload.events()) {
            long wait = Duration.between(Instant.now(), p.at()).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            KafkaProducer<String, byte[]> producer = p.via() == Workload.Via.CRC32 ? crc : java;
            String eventId = p.event().eventId();
            lateInput.sent(eventId, p.event().ticketId(), p.at());
            producer.send(new ProducerRecord<>(topic, p.event().ticketId(), json(p.event())), (metadata, failure) -> {
                if (failure == null) {
                    lateInput.acknowledged(eventId, Instant.now());
                }
            });
        }
        java.flush();
        crc.flush();
    }

    /**
     * Waits for the alerts: until every expected one arrived (and 50 s passed for stray ones), or the
     * input has been fully applied for 40 s (a re-notify chain takes 20 s), at the latest 5 minutes
     * after {@code deadline}, so that alerts delayed by the faults are not counted missing too early.
     */
    private void awaitAlerts(AlertRecorder recorder, List<Oracle.Expected> expected, Instant deadline, Observer observer)
            throws InterruptedException {
        Set<String> keys = new HashSet<>();
        expected.forEach(e -> keys.add(e.key()));
        Instant quietSince = null;
        Instant hardStop = deadline.plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(hardStop)) {
            Set<String> seen = new HashSet<>();
            recorder.seen().forEach(s -> seen.add(HarnessReport.key(s.alert())));
            Instant now = Instant.now();
            if (seen.containsAll(keys) && now.isAfter(deadline.minus(DRAIN).plusSeconds(50))) {
                return;
            }
            quietSince = observer.pending() > 0 ? null : quietSince == null ? now : quietSince;
            if (now.isAfter(deadline) && quietSince != null && Duration.between(quietSince, now).toSeconds() >= 40) {
                return;
            }
            Thread.sleep(1_000);
        }
    }

    /** For each missing breach: the ticket's plan and every alert seen for it, to tell a lost breach from a late one. */
    private static void explainMissingBreaches(HarnessReport report, Workload workload, AlertRecorder recorder) {
        report.missingSamples().stream().filter(k -> k.contains("|BREACH|")).forEach(k -> {
            String ticket = k.substring(0, k.indexOf('|'));
            workload.tickets().stream().filter(t -> t.id().equals(ticket)).findFirst().ifPresent(t ->
                    LOG.info("HARNESS missing breach of {} ({}, via {}, opened {}); its alerts: {}", ticket, t.kind(), t.via(),
                            t.openedAt(), recorder.seen().stream().filter(a -> a.alert().ticketId().equals(ticket))
                                    .map(a -> a.alert().type() + " firedAt " + a.alert().firedAt() + " seen " + a.receivedAt())
                                    .toList()));
        });
    }

    static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
