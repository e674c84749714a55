package dev.slamonitor.processor.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Governance policy changes at run time, the approval-cycle SLA on wall-clock time, and dead letters. */
class RefundPolicyAndTimersTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant REVIEWED = T0.plus(Duration.ofMinutes(5));

    private RefundFixture rf;

    @BeforeEach
    void setUp() {
        rf = new RefundFixture(T0);
        rf.open("T-1", "payments", T0.minusSeconds(60));
    }

    @AfterEach
    void tearDown() {
        rf.close();
    }

    private static byte[] agentLimit(int version, int limit) {
        return RefundFixture.policy(doc -> {
            doc.put("version", version);
            ((ObjectNode) doc.at("/currencies/EUR/bands/0")).put("upTo", limit);
        });
    }

    @Test
    void shouldApplyAPolicyPublishedAtRunTimeToTheNextDecision() {
        // given an agent approving 80 EUR under the default policy (agent up to 50)
        rf.request("T-1", "R-1", "80", "EUR", "GOODWILL", T0);
        rf.decide("T-1", "R-1", true, "ana", "agent", null, REVIEWED);
        assertThat(rf.alerts()).extracting(Alert::reason).containsExactly("approver_role_too_low");

        // when version 2 raises the agent limit to 100 EUR
        rf.publishPolicy(agentLimit(2, 100));
        rf.request("T-1", "R-2", "80", "EUR", "GOODWILL", T0.plusSeconds(10));
        rf.decide("T-1", "R-2", true, "ana", "agent", null, REVIEWED.plusSeconds(10));

        // then the same approval is fine, and the audit trail names the policy version applied
        assertThat(rf.alerts()).isEmpty();
        assertThat(rf.approvalsByRefund().get("R-2").policyVersion()).isEqualTo(2);
        assertThat(rf.deadLetterDetails()).isEmpty();
    }

    @Test
    void shouldDeadLetterAnInvalidPolicyAndKeepThePreviousOneWhole() {
        // given version 2 in force (agent up to 100 EUR)
        rf.publishPolicy(agentLimit(2, 100));

        // when an invalid version 3 arrives: agent limit 1000 but bands out of order and a role nobody knows
        rf.publishPolicy(RefundFixture.policy(doc -> {
            doc.put("version", 3);
            ((ObjectNode) doc.at("/currencies/EUR/bands/0")).put("upTo", 1000);
            ((ObjectNode) doc.at("/currencies/EUR/bands/2")).put("requiredRole", "ceo");
        }));
        // and a stale version 1, a document under the wrong key, too few codes and bytes that are not JSON
        rf.publishPolicy(agentLimit(1, 40));
        rf.publishPolicy("other", agentLimit(4, 40));
        rf.publishPolicy(RefundFixture.policy(doc -> {
            doc.put("version", 5);
            ArrayNode codes = (ArrayNode) doc.get("exceptionCodes");
            while (codes.size() > 9) {
                codes.remove(codes.size() - 1);
            }
        }));
        rf.publishPolicy("{oops".getBytes(StandardCharsets.UTF_8));

        // then each is dead-lettered with every problem named
        assertThat(rf.deadLetterDetails()).satisfiesExactly(
                d -> assertThat(d).startsWith("INVALID_GOVERNANCE_POLICY").contains("currencies.EUR.bands[1].upTo")
                        .contains("currencies.EUR.bands[2].requiredRole: 'ceo' is not one of roles"),
                d -> assertThat(d).contains("version 1 is older than version 2"),
                d -> assertThat(d).contains("record key 'other' differs from the governance policy's key 'default'"),
                d -> assertThat(d).contains("exceptionCodes: must have at least 10 items but found 9"),
                d -> assertThat(d).startsWith("INVALID_GOVERNANCE_POLICY").contains("refused: not valid JSON: "));
        assertThat(rf.fx.deadLetterCount("INVALID_GOVERNANCE_POLICY")).isEqualTo(5);
        // and version 2 still decides: 80 EUR by an agent is fine, 101 EUR is not
        rf.request("T-1", "R-1", "80", "EUR", "GOODWILL", T0);
        rf.request("T-1", "R-2", "101", "EUR", "GOODWILL", T0);
        rf.decide("T-1", "R-1", true, "ana", "agent", "ok", REVIEWED);
        rf.decide("T-1", "R-2", true, "ana", "agent", "ok", REVIEWED);
        assertThat(rf.alerts()).singleElement().satisfies(a -> {
            assertThat(a.reason()).isEqualTo("approver_role_too_low");
            assertThat(a.policyVersion()).isEqualTo(2);
        });
    }

    @Test
    void shouldRaiseApprovalOverdueOnWallClockTimeOncePerRefund() {
        // given a small refund (band "small": approval-cycle SLA 4 h) and a large one (48 h)
        rf.request("T-1", "R-1", "20", "EUR", "GOODWILL", T0);
        rf.request("T-1", "R-2", "2000", "EUR", "GOODWILL", T0);

        // when wall-clock time reaches one second before the small refund's deadline, no event arriving
        rf.fx.advanceWallClock(Duration.ofHours(4).minusSeconds(1));
        assertThat(rf.alerts()).isEmpty();

        // then the deadline itself raises one APPROVAL_OVERDUE, and later punctuations do not repeat it
        rf.fx.advanceWallClock(Duration.ofSeconds(1));
        rf.fx.advanceWallClock(Duration.ofMinutes(30));
        assertThat(rf.alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.APPROVAL_OVERDUE);
            assertThat(a.ticketId()).isEqualTo("T-1");
            assertThat(a.deadline()).isEqualTo(T0.plus(Duration.ofHours(4)));
            assertThat(a.firedAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
            assertThat(a.alertId()).isEqualTo(Alert.idOf(AlertType.APPROVAL_OVERDUE, "R-1", a.deadline()));
            assertThat(a.details()).containsEntry("band", "small").containsEntry("amount", "20");
        });

        // and deciding the overdue refund resolves its alert under the same key
        rf.decide("T-1", "R-1", true, "ana", "agent", "ok", T0.plus(Duration.ofHours(5)));
        assertThat(rf.records()).filteredOn(r -> r.state() == dev.slamonitor.alert.AlertState.RESOLVED
                        && r.type() == AlertType.APPROVAL_OVERDUE)
                .singleElement().satisfies(r -> {
                    assertThat(r.alertKey()).isEqualTo(Alert.idOf(AlertType.APPROVAL_OVERDUE, "R-1", T0.plus(Duration.ofHours(4))));
                    assertThat(r.stateReason()).isEqualTo("decided");
                });

        // and a refund decided in time never becomes overdue
        rf.decide("T-1", "R-2", true, "maria", "manager", "outage credit", T0.plus(Duration.ofHours(5)));
        rf.fx.advanceWallClock(Duration.ofHours(48));
        assertThat(rf.alerts(AlertType.APPROVAL_OVERDUE)).isEmpty();
        // the decided refund's timer was cancelled, so only the overdue one fired
        assertThat(rf.counter("slamon.timers.fired", "feature", "refund")).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterRefundEventsGovernanceCannotUseWithTheirReason() {
        // given a requested refund
        String firstRequest = rf.request("T-1", "R-1", "20", "EUR", "GOODWILL", T0).eventId();

        // when the same refundId is requested again, and requests come in an uncovered currency, an unknown
        // currency and with more decimals than the currency has
        rf.request("T-1", "R-1", "30", "EUR", "GOODWILL", T0.plusSeconds(1));
        rf.request("T-1", "R-2", "20", "CHF", "GOODWILL", T0);
        rf.request("T-1", "R-3", "50.001", "EUR", "GOODWILL", T0);
        rf.request("T-1", "R-4", "10", "XYZ", "GOODWILL", T0);

        // then each is a dead letter naming why
        assertThat(rf.deadLetterDetails()).containsExactly(
                "INVALID_REFUND_EVENT: refund R-1 was already requested by event " + firstRequest
                        + "; a new request needs a new refundId",
                "INVALID_REFUND_EVENT: governance policy default v1 has no approval thresholds for currency CHF (refund R-2)",
                "INVALID_REFUND_EVENT: amount 50.001 has more decimals than EUR allows (2)",
                "INVALID_REFUND_EVENT: 'XYZ' is not an ISO-4217 currency");
        assertThat(rf.fx.deadLetterCount("INVALID_REFUND_EVENT")).isEqualTo(4);
        // and the first request is unchanged: approving it counts 20 EUR
        rf.decide("T-1", "R-1", true, "ana", "agent", null, REVIEWED);
        assertThat(rf.approvalsByRefund().get("R-1").amount()).isEqualByComparingTo("20");
    }
}
