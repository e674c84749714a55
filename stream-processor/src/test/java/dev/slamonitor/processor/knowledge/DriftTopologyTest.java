package dev.slamonitor.processor.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import dev.slamonitor.deadletter.DeadLetterReason;
import dev.slamonitor.knowledge.RemediationItem;
import dev.slamonitor.knowledge.RootCauseStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Repeat counts, drift alerts, windows and the taxonomy, on the full topology (TopologyTestDriver). */
class DriftTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    /** Built-in taxonomy: payment-gateway-timeout drifts at 3 in 7d and 8 in 30d. */
    private static final String TAG = "payment-gateway-timeout";
    private final KnowledgeFixture kx = new KnowledgeFixture(T0);

    @AfterEach
    void close() {
        kx.close();
    }

    @Test
    void shouldEmitExactlyOneDriftAlertToTheOwnerWhenATagCrossesItsThreshold() {
        // given three tickets resolved with the same root cause within a day
        kx.resolvedTicket("T-1", TAG, T0);
        kx.resolvedTicket("T-2", TAG, T0.plus(Duration.ofHours(5)));
        kx.resolvedTicket("T-3", TAG, T0.plus(Duration.ofHours(10)));
        // when more tickets repeat the cause while it is drifting
        kx.resolvedTicket("T-4", TAG, T0.plus(Duration.ofHours(11)));
        kx.resolvedTicket("T-5", TAG, T0.plus(Duration.ofHours(12)));

        // then one DRIFT alert, keyed and addressed by tag, with count, window, examples and due date
        List<Alert> drift = kx.alerts(AlertType.DRIFT);
        assertThat(drift).hasSize(1);
        Alert alert = drift.get(0);
        assertThat(alert.subject()).isEqualTo(TAG);
        assertThat(alert.partitionKey()).isEqualTo(TAG);
        assertThat(alert.owner()).isEqualTo("payments-platform");
        assertThat(alert.details()).containsEntry("window", "7d").containsEntry("count", 3).containsEntry("threshold", 3);
        assertThat(alert.details().get("exampleTicketIds")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly("T-1", "T-2", "T-3");
        Instant due = T0.plus(Duration.ofHours(10)).plus(Duration.ofDays(14));
        assertThat(alert.details()).containsEntry("remediationDueAt", due.toString());
        assertThat(alert.deadline()).isEqualTo(due);
        // and a remediation item is open for it, and the metrics count it
        List<RemediationItem> items = kx.items.readValuesToList();
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(RemediationItem.Status.OPEN);
            assertThat(i.itemId()).isEqualTo(alert.details().get("remediationItemId"));
            assertThat(i.dueAt()).isEqualTo(due);
        });
        assertThat(kx.counter("slamon.drift.alerts", "tag", TAG)).isEqualTo(1.0);
        assertThat(kx.counter("slamon.alerts", "type", "DRIFT")).isEqualTo(1.0);
        assertThat(kx.gauge("slamon.remediation.items.open")).isEqualTo(1.0);
    }

    @Test
    void shouldRearmWhenTheCountFallsBelowTheThresholdAndAlertAgainOnTheNextCrossing() {
        // given a drift in the 7d window
        kx.resolvedTicket("T-1", TAG, T0);
        kx.resolvedTicket("T-2", TAG, T0.plusSeconds(3600));
        kx.resolvedTicket("T-3", TAG, T0.plusSeconds(7200));
        assertThat(kx.alerts(AlertType.DRIFT)).hasSize(1);

        // when 10 days pass in event time (another tag moves stream time), the count falls back to 0
        kx.resolvedTicket("T-9", "sso-misconfiguration", T0.plus(Duration.ofDays(10)));
        RootCauseStats rearmed = kx.stats.readValuesToList().stream().filter(s -> s.tag().equals(TAG))
                .reduce((a, b) -> b).orElseThrow();
        // then the tag is re-armed (the stream-time re-check published it as no longer drifting)
        assertThat(rearmed.windows().get(0).drifting()).isFalse();
        assertThat(rearmed.windows().get(0).count()).isZero();

        // and a second crossing alerts again, with a new item
        kx.resolvedTicket("T-11", TAG, T0.plus(Duration.ofDays(11)));
        kx.resolvedTicket("T-12", TAG, T0.plus(Duration.ofDays(11)).plusSeconds(60));
        kx.resolvedTicket("T-13", TAG, T0.plus(Duration.ofDays(11)).plusSeconds(120));
        List<Alert> drift = kx.alerts(AlertType.DRIFT);
        assertThat(drift).hasSize(2);
        assertThat(drift.get(0).alertId()).isNotEqualTo(drift.get(1).alertId());
        assertThat(drift.get(1).details().get("exampleTicketIds")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly("T-11", "T-12", "T-13");
    }

    @Test
    void shouldCountAnOccurrenceExactlySevenDaysOldAsInsideTheWindow() {
        // given two occurrences, the first exactly 7 days before the third
        kx.resolvedTicket("T-1", TAG, T0);
        kx.resolvedTicket("T-2", TAG, T0.plus(Duration.ofDays(3)));
        // when the third lands exactly on the 7d boundary
        kx.resolvedTicket("T-3", TAG, T0.plus(Duration.ofDays(7)));
        // then the window [end - 7d, end] holds all three (inclusive bounds, like Kafka's sliding windows)
        assertThat(kx.alerts(AlertType.DRIFT)).singleElement()
                .satisfies(a -> assertThat(a.details()).containsEntry("count", 3)
                        .containsEntry("windowStart", T0.toString()));
    }

    @Test
    void shouldNotCountAnOccurrenceOneMillisecondOlderThanTheWindow() {
        // given two occurrences
        kx.resolvedTicket("T-1", TAG, T0);
        kx.resolvedTicket("T-2", TAG, T0.plus(Duration.ofDays(3)));
        // when the third is 7 days and 1 ms after the first
        kx.resolvedTicket("T-3", TAG, T0.plus(Duration.ofDays(7)).plusMillis(1));
        // then no 7d window holds three
        assertThat(kx.alerts(AlertType.DRIFT)).isEmpty();
        RootCauseStats last = kx.stats.readValuesToList().get(2);
        assertThat(last.windows()).extracting(RootCauseStats.WindowCount::window, RootCauseStats.WindowCount::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("7d", 2L), org.assertj.core.groups.Tuple.tuple("30d", 3L));
    }

    @Test
    void shouldCountALateOutOfOrderResolutionInTheWindowItCompletes() {
        // given two occurrences arrive in order
        kx.resolvedTicket("T-2", TAG, T0.plus(Duration.ofDays(2)));
        kx.resolvedTicket("T-3", TAG, T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(12)));
        assertThat(kx.alerts(AlertType.DRIFT)).isEmpty();
        // when an earlier resolution arrives late (1.5 days behind stream time), within the 2-day grace
        kx.resolvedTicket("T-1", TAG, T0.plus(Duration.ofDays(1)));
        // then it completes the window ending at the latest occurrence and the drift fires once
        assertThat(kx.alerts(AlertType.DRIFT)).singleElement().satisfies(a -> {
            assertThat(a.details()).containsEntry("count", 3)
                    .containsEntry("windowEnd", T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(12)).toString());
            assertThat(a.details().get("exampleTicketIds")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly("T-1", "T-2", "T-3");
        });
    }

    @Test
    void shouldNotCountAResolutionLaterThanTheGraceButReportIt() {
        // given stream time at day 10 with two occurrences in the last 7 days
        kx.resolvedTicket("T-1", TAG, T0.plus(Duration.ofDays(9)));
        kx.resolvedTicket("T-2", TAG, T0.plus(Duration.ofDays(10)));
        // when a resolution from day 7 arrives (3 days late, grace is 2 days)
        kx.resolvedTicket("T-3", TAG, T0.plus(Duration.ofDays(7)));
        // then it is not counted (no drift) and the late-resolution metric says so
        assertThat(kx.alerts(AlertType.DRIFT)).isEmpty();
        assertThat(kx.counter("slamon.root.causes.late", null, null)).isEqualTo(1.0);
    }

    @Test
    void shouldCountTagsOutsideTheTaxonomyUnderTheUnknownBucketAndReportThem() {
        // given resolutions with causes the taxonomy does not know
        kx.resolvedTicket("T-1", "printer-on-fire", T0);
        kx.resolvedTicket("T-2", "printer-on-fire", T0.plusSeconds(60));
        kx.resolvedTicket("T-3", "moon-phase", T0.plusSeconds(120));

        // then they count under 'unknown', by name, owned by the taxonomy's owner, and the metric counts them
        RootCauseStats unknown = kx.stats.readValuesToList().get(2);
        assertThat(unknown.tag()).isEqualTo(RootCauseStats.UNKNOWN);
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.owner()).isEqualTo("support-knowledge-team");
        assertThat(unknown.windows().get(0).count()).isEqualTo(3);
        assertThat(unknown.unknownTags()).isEqualTo(Map.of("printer-on-fire", 2L, "moon-phase", 1L));
        assertThat(kx.counter("slamon.root.causes.unknown", null, null)).isEqualTo(3.0);
    }

    @Test
    void shouldApplyAChangedTaxonomyAtRunTime() {
        // given sso-misconfiguration needs 5 in 7d under the built-in taxonomy
        kx.resolvedTicket("T-1", "sso-misconfiguration", T0);
        kx.resolvedTicket("T-2", "sso-misconfiguration", T0.plusSeconds(60));
        assertThat(kx.alerts(AlertType.DRIFT)).isEmpty();

        // when a new version lowers its threshold to 2 and changes its owner
        kx.publishTaxonomy(TaxonomyDocs.version(2, "sso-misconfiguration", "identity-oncall", 2));
        kx.resolvedTicket("T-3", "sso-misconfiguration", T0.plusSeconds(120));

        // then the next resolution is judged by the new version
        assertThat(kx.alerts(AlertType.DRIFT)).singleElement().satisfies(a -> {
            assertThat(a.owner()).isEqualTo("identity-oncall");
            assertThat(a.policyVersion()).isEqualTo(2);
            assertThat(a.details()).containsEntry("threshold", 2).containsEntry("count", 3);
        });
    }

    @Test
    void shouldDeadLetterAnInvalidTaxonomyAndKeepTheOneInForce() {
        // given version 2 in force
        kx.publishTaxonomy(TaxonomyDocs.version(2, "sso-misconfiguration", "identity-oncall", 2));
        // when a document with two errors is published
        kx.publishTaxonomy(TaxonomyDocs.version(3, "sso-misconfiguration", "", 0));
        kx.resolvedTicket("T-1", "sso-misconfiguration", T0);
        kx.resolvedTicket("T-2", "sso-misconfiguration", T0.plusSeconds(60));

        // then it is dead-lettered naming every violation, and version 2 still decides
        assertThat(kx.deadLetters(DeadLetterReason.INVALID_TAXONOMY)).singleElement()
                .satisfies(l -> assertThat(KnowledgeFixture.detail(l)).contains("tags[0].owner", "tags[0].thresholds.7d"));
        assertThat(kx.alerts(AlertType.DRIFT)).singleElement()
                .satisfies(a -> assertThat(a.policyVersion()).isEqualTo(2));
        assertThat(kx.fx.deadLetterCount("INVALID_TAXONOMY")).isEqualTo(1.0);
    }
}
