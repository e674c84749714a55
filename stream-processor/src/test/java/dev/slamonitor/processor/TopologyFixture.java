package dev.slamonitor.processor;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.config.AppConfig;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.kernel.InputWatermark;
import dev.slamonitor.state.TicketSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A TopologyTestDriver over the full processor topology with default configuration, except that
 * events may be up to ten years old ({@code processor.max.event.age}): feature tests replay scenarios
 * of months with one wall clock. {@link #send} moves the wall clock to an event's time when the event
 * would otherwise lie beyond the allowed clock skew, as if it had been produced when it happened.
 */
public final class TopologyFixture implements AutoCloseable {

    public final AppConfig config;
    public final TopologyEnv env;
    public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, byte[]> events;
    public final TestInputTopic<String, byte[]> policies;
    public final TestInputTopic<String, byte[]> acks;
    public final TestOutputTopic<String, TicketSnapshot> state;
    public final TestOutputTopic<String, Alert> alerts;
    public final TestOutputTopic<String, byte[]> deadLetters;
    private Instant wallClock;

    public TopologyFixture(Instant wallClockStart) {
        this(Map.of(), wallClockStart);
    }

    public TopologyFixture(Map<String, String> overrides, Instant wallClockStart) {
        this(overrides, wallClockStart, InputWatermark.CAUGHT_UP, ProcessorTopology::build);
    }

    /** With a given input watermark (a test that plays an application whose input is behind). */
    public TopologyFixture(Map<String, String> overrides, Instant wallClockStart, InputWatermark watermark) {
        this(overrides, wallClockStart, watermark, ProcessorTopology::build);
    }

    /** Over a part of the processor topology (e.g. ingest + SLA only, for long simulated runs). */
    public TopologyFixture(Map<String, String> overrides, Instant wallClockStart,
                           java.util.function.Function<TopologyEnv, org.apache.kafka.streams.Topology> topology) {
        this(overrides, wallClockStart, InputWatermark.CAUGHT_UP, topology);
    }

    private TopologyFixture(Map<String, String> overrides, Instant wallClockStart, InputWatermark watermark,
                            java.util.function.Function<TopologyEnv, org.apache.kafka.streams.Topology> topology) {
        this.config = AppConfig.load(Map.of()).with(Map.of("processor.max.event.age", "3650d")).with(overrides);
        this.env = TopologyEnv.of(config, metrics).withInputWatermark(watermark);
        Properties props = env.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-" + System.nanoTime());
        props.put(StreamsConfig.STATE_DIR_CONFIG, overrides.getOrDefault("streams.state.dir", System.getProperty("java.io.tmpdir"))
                + "/ttd-" + System.nanoTime());
        this.driver = new TopologyTestDriver(topology.apply(env), props, wallClockStart);
        this.wallClock = wallClockStart;
        var topics = env.topics();
        this.events = driver.createInputTopic(topics.events().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        this.policies = driver.createInputTopic(topics.policies().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        this.acks = driver.createInputTopic(topics.acks().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        this.state = driver.createOutputTopic(topics.state().name(), Serdes.String().deserializer(), topics.state().valueSerde().deserializer());
        this.alerts = driver.createOutputTopic(topics.alerts().name(), Serdes.String().deserializer(), topics.alerts().valueSerde().deserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    }

    public void send(TicketEvent event) {
        if (event.occurredAt().isAfter(wallClock.plus(config.duration("processor.max.clock.skew")))) {
            driver.advanceWallClockTime(java.time.Duration.between(wallClock, event.occurredAt()));
            wallClock = event.occurredAt();
        }
        events.pipeInput(event.ticketId(), json(event), event.occurredAt());
    }

    /** Advances the wall clock once (punctuators run once), keeping track of it for {@link #send}. */
    public void advanceWallClock(java.time.Duration by) {
        driver.advanceWallClockTime(by);
        wallClock = wallClock.plus(by);
    }

    /** Advances the wall clock in steps, so that each step runs the punctuators once. */
    public void advance(java.time.Duration total, java.time.Duration step) {
        for (java.time.Duration done = java.time.Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
            driver.advanceWallClockTime(step);
            wallClock = wallClock.plus(step);
        }
    }

    /** Moves the wall clock forward to {@code target} in steps of at most a minute (punctuating on the way). */
    public Instant advanceTo(Instant target) {
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        while (wallClock.isBefore(target)) {
            java.time.Duration step = java.time.Duration.between(wallClock, target);
            java.time.Duration capped = step.compareTo(minute) > 0 ? minute : step;
            driver.advanceWallClockTime(capped);
            wallClock = wallClock.plus(capped);
        }
        return target;
    }

    public static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public double deadLetterCount(String reason) {
        return metrics.find("slamon.dead.letters").tag("reason", reason).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
