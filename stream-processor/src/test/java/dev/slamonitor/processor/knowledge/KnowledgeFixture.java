package dev.slamonitor.processor.knowledge;

import static dev.slamonitor.processor.TestEvents.event;
import static dev.slamonitor.processor.TestEvents.opened;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.SopUpdate;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.knowledge.RemediationEvent;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import dev.slamonitor.processor.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/** The full topology on a TopologyTestDriver plus the knowledge loop's own topics and event helpers. */
final class KnowledgeFixture implements AutoCloseable {

    static final Handoff COMPLETE_HANDOFF = new Handoff("Card declines since 09:00", List.of("Retried", "Checked logs"),
            "Needs gateway access", "Customer cannot take payments", "Update within 1 h");

    final TopologyFixture fx;
    final TestInputTopic<String, byte[]> taxonomy;
    final TestInputTopic<String, byte[]> remediationEvents;
    final TestOutputTopic<String, RootCauseStats> stats;
    final TestOutputTopic<String, RemediationItem> items;
    private final List<Alert> alerts = new ArrayList<>();
    private final List<TestRecord<String, byte[]>> deadLetters = new ArrayList<>();

    KnowledgeFixture(Instant wallClockStart) {
        this(Map.of(), wallClockStart);
    }

    KnowledgeFixture(Map<String, String> overrides, Instant wallClockStart) {
        fx = new TopologyFixture(overrides, wallClockStart);
        var topics = fx.env.topics();
        taxonomy = fx.driver.createInputTopic(topics.rootCauseTaxonomy().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        remediationEvents = fx.driver.createInputTopic(topics.remediationEvents().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        stats = fx.driver.createOutputTopic(topics.rootCauseStats().name(), Serdes.String().deserializer(),
                topics.rootCauseStats().valueSerde().deserializer());
        items = fx.driver.createOutputTopic(topics.remediationItems().name(), Serdes.String().deserializer(),
                topics.remediationItems().valueSerde().deserializer());
    }

    void send(TicketEvent e) {
        fx.send(e);
    }

    /** Opens a ticket just before {@code at} and resolves it at {@code at} with the root cause and an SOP update. */
    void resolvedTicket(String ticketId, String rootCause, Instant at) {
        send(opened(ticketId, Severity.HIGH, at.minusSeconds(60)));
        send(resolved(ticketId, rootCause, at).sopUpdate(new SopUpdate("v7")).build());
    }

    static TicketEvent.Builder resolved(String ticketId, String rootCause, Instant at) {
        return event(EventType.RESOLVED, ticketId, at).rootCause(rootCause).resolutionSummary("fixed");
    }

    static TicketEvent escalated(String ticketId, SupportTier from, SupportTier to, Instant at, Handoff handoff) {
        return event(EventType.ESCALATED, ticketId, at).fromTier(from).toTier(to).handoff(handoff).build();
    }

    void publishTaxonomy(String json) {
        taxonomy.pipeInput("root-cause-taxonomy", json.getBytes(StandardCharsets.UTF_8));
    }

    void close(String itemId, String evidence, Instant at) {
        remediationEvents.pipeInput(itemId, TopologyFixture.json(new RemediationEvent(itemId, "close", evidence, "ops-lead")), at);
    }

    /** Every notice (TRIGGERED record) emitted so far (accumulated across calls). */
    List<Alert> alerts() {
        return records().stream().filter(Alert::notifies).toList();
    }

    /** Every alert record of any lifecycle state emitted so far (accumulated across calls). */
    List<Alert> records() {
        alerts.addAll(fx.alerts.readValuesToList());
        return alerts;
    }

    List<Alert> alerts(AlertType type) {
        return alerts().stream().filter(a -> a.type() == type).toList();
    }

    List<TestRecord<String, byte[]>> deadLetters(DeadLetterReason reason) {
        deadLetters.addAll(fx.deadLetters.readRecordsToList());
        return deadLetters.stream()
                .filter(r -> DeadLetter.fromHeaders(r.headers()).map(d -> d.reason() == reason).orElse(false))
                .toList();
    }

    static String detail(TestRecord<String, byte[]> letter) {
        return DeadLetter.fromHeaders(letter.headers()).orElseThrow().detail();
    }

    double counter(String name, String tagKey, String tagValue) {
        var search = fx.metrics.find(name);
        if (tagKey != null) {
            search = search.tag(tagKey, tagValue);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    double gauge(String name) {
        var gauge = fx.metrics.find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Override
    public void close() {
        fx.close();
    }

}
