package dev.slamonitor.processor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertState;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.knowledge.RemediationItem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remediation items: opened by drift, closed with evidence, overdue on wall-clock time. */
class RemediationTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String TAG = "billing-proration-error";
    private final KnowledgeFixture kx = new KnowledgeFixture(T0);
    private RemediationItem item;

    @BeforeEach
    void driftOpensAnItem() {
        kx.resolvedTicket("T-1", TAG, T0);
        kx.resolvedTicket("T-2", TAG, T0.plusSeconds(60));
        kx.resolvedTicket("T-3", TAG, T0.plusSeconds(120));
        item = kx.items.readValuesToList().get(0);
        assertThat(item.status()).isEqualTo(RemediationItem.Status.OPEN);
        assertThat(item.owner()).isEqualTo("billing-team");
        assertThat(item.dueAt()).isEqualTo(T0.plusSeconds(120).plus(Duration.ofDays(14)));
    }

    @AfterEach
    void close() {
        kx.close();
    }

    @Test
    void shouldRaiseRemediationOverdueOnceWhenAnOpenItemPassesItsDueDate() {
        // when the wall clock passes the due date with no further input, and keeps going
        kx.fx.advanceWallClock(Duration.ofDays(14));
        assertThat(kx.alerts(AlertType.REMEDIATION_OVERDUE)).isEmpty();
        kx.fx.advanceWallClock(Duration.ofMinutes(5));
        kx.fx.advanceWallClock(Duration.ofDays(1));

        // then one REMEDIATION_OVERDUE to the owner, and the item shows it
        assertThat(kx.alerts(AlertType.REMEDIATION_OVERDUE)).singleElement().satisfies(a -> {
            assertThat(a.subject()).isEqualTo(TAG);
            assertThat(a.owner()).isEqualTo("billing-team");
            assertThat(a.details()).containsEntry("remediationItemId", item.itemId());
        });
        assertThat(kx.items.readValuesToList()).singleElement().satisfies(i -> assertThat(i.overdueAlerted()).isTrue());
    }

    @Test
    void shouldResolveTheDriftAndItsOverdueNoticeWhenTheItemCloses() {
        // given an item that went overdue
        kx.fx.driver.advanceWallClockTime(Duration.ofDays(15));
        Alert drift = kx.alerts(AlertType.DRIFT).get(0);
        Alert overdue = kx.alerts(AlertType.REMEDIATION_OVERDUE).get(0);
        assertThat(drift.alertKey()).isEqualTo(item.driftAlertId());

        // when the owner closes it
        kx.close(item.itemId(), "https://wiki.example/sop/billing/v8", T0.plus(Duration.ofDays(15)));

        // then both alerts resolve, once, under their own keys
        List<Alert> resolved = kx.records().stream().filter(a -> a.state() == AlertState.RESOLVED).toList();
        assertThat(resolved).extracting(Alert::alertKey, Alert::type, Alert::stateReason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(drift.alertKey(), AlertType.DRIFT, "remediation_closed"),
                org.assertj.core.groups.Tuple.tuple(overdue.alertKey(), AlertType.REMEDIATION_OVERDUE, "remediation_closed"));
    }

    @Test
    void shouldCloseAnItemWithEvidenceAndNotAlertAfterwards() {
        // when the owner closes it with evidence
        kx.close(item.itemId(), "https://wiki.example/sop/billing/v8", T0.plus(Duration.ofDays(2)));

        // then the item is closed with who and what, the gauge drops, and no overdue alert follows
        assertThat(kx.items.readValuesToList()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(RemediationItem.Status.CLOSED);
            assertThat(i.closedBy()).isEqualTo("ops-lead");
            assertThat(i.evidence()).isEqualTo("https://wiki.example/sop/billing/v8");
        });
        assertThat(kx.gauge("slamon.remediation.items.open")).isZero();
        kx.fx.advanceWallClock(Duration.ofDays(20));
        assertThat(kx.alerts(AlertType.REMEDIATION_OVERDUE)).isEmpty();
    }

    @Test
    void shouldDeadLetterRemediationEventsThatAreMalformedOrNameNoOpenItem() {
        // when: bad JSON, no evidence, an unknown item, and a second close of the same item
        kx.remediationEvents.pipeInput(item.itemId(), "{oops".getBytes(StandardCharsets.UTF_8), T0);
        kx.remediationEvents.pipeInput(item.itemId(), ("{\"itemId\":\"" + item.itemId()
                + "\",\"action\":\"close\",\"by\":\"x\"}").getBytes(StandardCharsets.UTF_8), T0);
        kx.close(TAG + "/7d/42", "evidence", T0);
        kx.close(item.itemId(), "https://wiki.example/sop/billing/v8", T0);
        kx.close(item.itemId(), "again", T0);

        // then four dead letters with reasons that say why, and the item was closed once
        List<String> details = kx.deadLetters(DeadLetterReason.INVALID_REMEDIATION_EVENT).stream()
                .map(KnowledgeFixture::detail).toList();
        assertThat(details).hasSize(4);
        assertThat(details.get(0)).startsWith("not a remediation event");
        assertThat(details.get(1)).contains("evidence: required");
        assertThat(details.get(2)).contains("no remediation item");
        assertThat(details.get(3)).contains("already closed");
        assertThat(kx.items.readValuesToList()).hasSize(1);
        assertThat(kx.fx.deadLetterCount("INVALID_REMEDIATION_EVENT")).isEqualTo(4.0);
    }
}
