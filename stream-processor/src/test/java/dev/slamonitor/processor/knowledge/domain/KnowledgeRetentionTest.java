package dev.slamonitor.processor.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The knowledge loop's retention of finished tickets: when a ticket is finished, when it expires. */
class KnowledgeRetentionTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final KnowledgePolicy POLICY = new KnowledgePolicy(2, "14d", "48h", 3, 5);
    private static final Duration KEEP = Duration.ofDays(30);
    private static final KnowledgeRetention RETENTION = new KnowledgeRetention(KEEP);
    private int seq;

    private KnowledgeTicket step(KnowledgeTicket t, TicketEvent e, Instant now) {
        return RETENTION.settle(KnowledgeTicketApplier.apply(t, e, POLICY).ticket(), true, now);
    }

    private TicketEvent event(EventType type, Instant at) {
        return TicketEvent.builder(type, "e" + ++seq, "T-1", at).build();
    }

    private TicketEvent escalate(Instant at) {
        return TicketEvent.builder(EventType.ESCALATED, "e" + ++seq, "T-1", at).fromTier(SupportTier.L1)
                .toTier(SupportTier.L2).build();
    }

    @Test
    void shouldForgetAResolvedTicketThatOwesNoRcaAfterTheRetention() {
        // given a ticket that was never escalated, resolved at T0 (processed at T0)
        KnowledgeTicket t = step(null, event(EventType.TICKET_OPENED, T0.minusSeconds(60)), T0.minusSeconds(60));
        assertThat(t.forgetAt()).isNull();
        t = step(t, event(EventType.RESOLVED, T0), T0);

        // then it is finished and expires exactly at T0 + retention
        assertThat(t.forgetAt()).isEqualTo(T0.plus(KEEP));
        assertThat(RETENTION.isExpired(t, T0.plus(KEEP).minusMillis(1))).isFalse();
        assertThat(RETENTION.isExpired(t, T0.plus(KEEP))).isTrue();
    }

    @Test
    void shouldKeepAnEscalatedTicketWhileItsRcaIsOwedAndStartTheRetentionOnceTheOverdueAlertIsRaised() {
        // given an escalated ticket resolved at T0 without an RCA
        KnowledgeTicket t = step(null, escalate(T0.minusSeconds(300)), T0.minusSeconds(300));
        t = step(t, event(EventType.RESOLVED, T0), T0);
        assertThat(t.forgetAt()).isNull();
        assertThat(RETENTION.isExpired(t, T0.plus(Duration.ofDays(400)))).isFalse();

        // when its RCA_OVERDUE is raised at the deadline (a timer step, not a touch)
        Instant due = t.rcaDueAt();
        KnowledgeTicket alerted = RETENTION.settle(KnowledgeTicketApplier.rcaOverdue(t, due.toEpochMilli()).orElseThrow(),
                false, due);

        // then the retention starts there
        assertThat(alerted.forgetAt()).isEqualTo(due.plus(KEEP));
        assertThat(RETENTION.settle(alerted, false, due.plus(Duration.ofDays(1))).forgetAt()).isEqualTo(due.plus(KEEP));
    }

    @Test
    void shouldCancelTheRetentionOnReopenAndRestartItOnAnyLaterEvent() {
        KnowledgeTicket t = step(null, event(EventType.TICKET_OPENED, T0.minusSeconds(60)), T0.minusSeconds(60));
        t = step(t, event(EventType.RESOLVED, T0), T0);

        // when reopened ten days later, then it is not finished any more
        KnowledgeTicket reopened = step(t, event(EventType.REOPENED, T0.plus(Duration.ofDays(10))), T0.plus(Duration.ofDays(10)));
        assertThat(reopened.forgetAt()).isNull();
        assertThat(RETENTION.isExpired(reopened, T0.plus(Duration.ofDays(60)))).isFalse();

        // and an RCA published for the resolved ticket twenty days later restarts the retention
        KnowledgeTicket touched = step(t, event(EventType.RCA_PUBLISHED, T0.plus(Duration.ofDays(20))), T0.plus(Duration.ofDays(20)));
        assertThat(touched.forgetAt()).isEqualTo(T0.plus(Duration.ofDays(20)).plus(KEEP));
    }

    @Test
    void shouldRefuseANonPositiveRetention() {
        assertThatThrownBy(() -> new KnowledgeRetention(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KnowledgeRetention(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
