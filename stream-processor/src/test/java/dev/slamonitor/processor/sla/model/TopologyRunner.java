package dev.slamonitor.processor.sla.model;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertAck;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.TicketSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs a whole batch of histories through the full processor topology under TopologyTestDriver:
 * the property policy is published on the policy topic, then the wall clock advances from one
 * punctuation instant of the batch to the next (random steps) and each history's steps are piped
 * in at their instants. Outputs are attributed to their ticket while the wall clock is within the
 * ticket's history.
 */
public final class TopologyRunner {

    /** Per ticket: its SLA alerts and the last snapshot published within its history. */
    public record Run(Map<String, List<Alert>> alerts, Map<String, TicketSnapshot> snapshots) {
    }

    private TopologyRunner() {
    }

    public static Run run(HistoryGenerator.Batch batch) {
        Map<String, History> byTicket = new HashMap<>();
        batch.histories().forEach(h -> byTicket.put(h.ticketId(), h));
        Map<Instant, List<Map.Entry<History, History.Step>>> stepsAt = new TreeMap<>();
        for (History h : batch.histories()) {
            for (History.Step s : h.steps()) {
                stepsAt.computeIfAbsent(s.wall(), k -> new ArrayList<>()).add(Map.entry(h, s));
            }
        }
        Map<String, List<Alert>> alerts = new HashMap<>();
        Map<String, TicketSnapshot> snapshots = new HashMap<>();
        Instant wall = batch.start().minus(Duration.ofMinutes(1));
        java.nio.file.Path stateDir = stateDir();
        // the deadline index must never defer a due ticket to a later punctuation: the model has no budget
        try (TopologyFixture f = new TopologyFixture(Map.of("sla.punctuation.max.millis", "60000",
                "sla.punctuation.max.timers", "1000000", "streams.state.dir", stateDir.toString()), wall, TopologyRunner::slaTopology)) {
            f.policies.pipeInput(PropertyPolicy.ID, PropertyPolicy.json().getBytes(StandardCharsets.UTF_8), wall);
            f.driver.advanceWallClockTime(Duration.ofSeconds(1));
            wall = wall.plusSeconds(1);
            drain(f, byTicket, batch.start(), alerts, snapshots);
            for (Instant p : batch.punctuations()) {
                f.driver.advanceWallClockTime(Duration.between(wall, p));
                wall = p;
                drain(f, byTicket, p, alerts, snapshots); // what the punctuation fired, before the steps (acks name it)
                for (Map.Entry<History, History.Step> hs : stepsAt.getOrDefault(p, List.of())) {
                    History.Step s = hs.getValue();
                    if (s.isAck()) {
                        String alertId = EngineRunner.rankedRoot(alerts.getOrDefault(hs.getKey().ticketId(), List.of()),
                                s.ackRank());
                        if (alertId != null) {
                            f.acks.pipeInput(hs.getKey().ticketId(), TopologyFixture.json(new AlertAck("ack-" + alertId,
                                    alertId, hs.getKey().ticketId(), "model", null, p)), p);
                        }
                    } else {
                        f.events.pipeInput(s.event().ticketId(), TopologyFixture.json(s.event()), s.event().occurredAt());
                    }
                }
                drain(f, byTicket, p, alerts, snapshots);
            }
        } finally {
            delete(stateDir);
        }
        return new Run(alerts, snapshots);
    }

    /**
     * The driver commits (and so flushes RocksDB) after every record and every wall-clock step; on a
     * memory file system that costs far less than on disk, and these stores are thrown away anyway.
     */
    private static java.nio.file.Path stateDir() {
        java.io.File shm = new java.io.File("/dev/shm");
        String parent = shm.isDirectory() && shm.canWrite() ? shm.getPath() : System.getProperty("java.io.tmpdir");
        return java.nio.file.Path.of(parent, "slamon-property-" + System.nanoTime());
    }

    private static void delete(java.nio.file.Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }

    /** Ingest and the SLA feature, as the processor composes them (the other features only cost time here). */
    private static org.apache.kafka.streams.Topology slaTopology(dev.slamonitor.processor.TopologyEnv env) {
        // with the processor's topology config, so the error-containing wrapper is in place as in production
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder(
                new org.apache.kafka.streams.TopologyConfig(new org.apache.kafka.streams.StreamsConfig(env.streamsProperties())));
        var events = dev.slamonitor.processor.ingest.EventIngestTopology.addTo(builder, env.topics().events(), env.deadLetters(),
                dev.slamonitor.event.TicketEventReader.from(env.config()), env.metrics());
        dev.slamonitor.processor.sla.SlaTopology.addTo(builder, events, env);
        return builder.build();
    }

    private static void drain(TopologyFixture f, Map<String, History> byTicket, Instant wall,
                              Map<String, List<Alert>> alerts, Map<String, TicketSnapshot> snapshots) {
        for (TestRecord<String, Alert> r : f.alerts.readRecordsToList()) {
            History h = byTicket.get(r.key());
            if (h != null && r.value() != null && EngineRunner.isSlaClock(r.value().clock()) && !wall.isAfter(h.end())) {
                alerts.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
            }
        }
        for (TestRecord<String, TicketSnapshot> r : f.state.readRecordsToList()) {
            History h = byTicket.get(r.key());
            if (h != null && r.value() != null && !wall.isAfter(h.end())) {
                snapshots.put(r.key(), r.value());
            }
        }
        f.deadLetters.readRecordsToList();
    }

    /** The snapshot's clocks as {@code STATE startedAt deadline}. */
    public static Map<String, String> clocks(TicketSnapshot s) {
        Map<String, String> out = new TreeMap<>();
        if (s == null) {
            return out;
        }
        for (ClockView c : s.clocks()) {
            out.put(c.name(), c.state() + " " + c.startedAt() + " " + (c.deadline() == null ? "-" : c.deadline()));
        }
        return out;
    }
}
