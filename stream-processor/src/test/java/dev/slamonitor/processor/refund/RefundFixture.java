package dev.slamonitor.processor.refund;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetter;
import dev.slamonitor.event.Customer;
import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Severity;
import dev.slamonitor.event.TicketEvent;
import dev.slamonitor.json.Json;
import dev.slamonitor.processor.TestEvents;
import dev.slamonitor.processor.TopologyFixture;
import dev.slamonitor.refund.ApprovalRecord;
import dev.slamonitor.refund.LeakageView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The full processor topology on a TopologyTestDriver, with the refund topics and shorthand for
 * refund events, policy documents and the outputs a refund test looks at.
 */
public final class RefundFixture implements AutoCloseable {

    public final TopologyFixture fx;
    public final TestInputTopic<String, byte[]> governance;
    public final TestOutputTopic<String, ApprovalRecord> approvals;
    public final TestOutputTopic<String, LeakageView> leakage;

    public RefundFixture(Instant wallClockStart) {
        this(Map.of(), wallClockStart);
    }

    public RefundFixture(Map<String, String> overrides, Instant wallClockStart) {
        this.fx = new TopologyFixture(overrides, wallClockStart);
        var topics = fx.env.topics();
        this.governance = fx.driver.createInputTopic(topics.refundGovernance().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        this.approvals = fx.driver.createOutputTopic(topics.refundApprovals().name(), Serdes.String().deserializer(),
                topics.refundApprovals().valueSerde().deserializer());
        this.leakage = fx.driver.createOutputTopic(topics.refundLeakage().name(), Serdes.String().deserializer(),
                topics.refundLeakage().valueSerde().deserializer());
    }

    public void open(String ticketId, String team, Instant at) {
        fx.send(TestEvents.event(EventType.TICKET_OPENED, ticketId, at).severity(Severity.HIGH)
                .customer(new Customer("C-" + ticketId, "business", false, "UTC"))
                .team(team).channel("email").build());
    }

    public TicketEvent request(String ticketId, String refundId, String amount, String currency, String code, Instant at) {
        TicketEvent e = TestEvents.event(EventType.REFUND_REQUESTED, ticketId, at).refundId(refundId)
                .amount(new BigDecimal(amount)).currency(currency).exceptionCode(code).build();
        fx.send(e);
        return e;
    }

    public TicketEvent decide(String ticketId, String refundId, boolean approved, String approver, String role,
                              String rationale, Instant at) {
        TicketEvent e = TestEvents.event(EventType.REFUND_DECIDED, ticketId, at).refundId(refundId).approved(approved)
                .approver(approver).approverRole(role).rationale(rationale).build();
        fx.send(e);
        return e;
    }

    public void publishPolicy(byte[] document) {
        publishPolicy("default", document);
    }

    public void publishPolicy(String key, byte[] document) {
        governance.pipeInput(key, document);
    }

    /** The bundled default policy with changes applied, as bytes. */
    public static byte[] policy(Consumer<ObjectNode> change) {
        try {
            ObjectNode doc = (ObjectNode) Json.mapper().readTree(GovernanceChannel.bundled().bytes());
            change.accept(doc);
            return Json.mapper().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refund governance notices only: the SLA engine's clocks share the alerts topic and run on the same tickets. */
    public List<Alert> alerts() {
        return records().stream().filter(Alert::notifies).toList();
    }

    /** Refund governance alert records of every lifecycle state, as emitted since the last call. */
    public List<Alert> records() {
        return fx.alerts.readValuesToList().stream()
                .filter(a -> a.type() == AlertType.GOVERNANCE_VIOLATION || a.type() == AlertType.APPROVAL_OVERDUE
                        || (a.type() == AlertType.DRIFT && a.subject() != null && a.subject().startsWith("refund-code:")))
                .toList();
    }

    public List<Alert> alerts(AlertType type) {
        return alerts().stream().filter(a -> a.type() == type).toList();
    }

    public List<String> deadLetterDetails() {
        return fx.deadLetters.readRecordsToList().stream()
                .map(TestRecord::headers)
                .map(h -> DeadLetter.fromHeaders(h).orElseThrow())
                .map(d -> d.reason() + ": " + d.detail())
                .toList();
    }

    public Map<String, ApprovalRecord> approvalsByRefund() {
        return approvals.readKeyValuesToMap();
    }

    public Map<String, LeakageView> leakageByPeriod() {
        return leakage.readKeyValuesToMap();
    }

    public double counter(String name, String tag, String value) {
        return fx.metrics.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        fx.close();
    }
}
