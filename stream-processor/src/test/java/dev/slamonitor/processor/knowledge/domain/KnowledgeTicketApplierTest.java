package dev.slamonitor.processor.knowledge.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slamonitor.event.EventType;
import dev.slamonitor.event.Handoff;
import dev.slamonitor.event.SupportTier;
import dev.slamonitor.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeTicketApplierTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final KnowledgePolicy POLICY = new KnowledgePolicy(2, "14d", "48h", 3, 5);
    private int seq;

    @Test
    void shouldOweAnRcaOnlyWhileEscalatedResolvedAndUnpublished() {
        // given an escalated, resolved ticket
        KnowledgeTicket t = apply(null, escalate(T0));
        t = apply(t, resolve(T0.plusSeconds(60)));
        assertThat(t.rcaDueAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofHours(48)));
        // when due time passes, then it is overdue once
        long due = t.rcaDueAt().toEpochMilli();
        assertThat(KnowledgeTicketApplier.rcaOverdue(t, due - 1)).isEmpty();
        KnowledgeTicket overdue = KnowledgeTicketApplier.rcaOverdue(t, due).orElseThrow();
        assertThat(KnowledgeTicketApplier.rcaOverdue(overdue, due + 1)).isEmpty();
        // and publishing the RCA clears the debt
        assertThat(apply(t, TicketEvent.builder(EventType.RCA_PUBLISHED, "e" + ++seq, "T-1", T0.plusSeconds(90)).build())
                .rcaDueAt()).isNull();
    }

    @Test
    void shouldOweAnRcaWhenTheEscalationArrivesAfterTheResolution() {
        KnowledgeTicket t = apply(null, resolve(T0.plusSeconds(60)));
        assertThat(t.rcaDueAt()).isNull();
        assertThat(apply(t, escalate(T0)).rcaDueAt()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofHours(48)));
    }

    @Test
    void shouldNotClearALaterResolutionWithAnEarlierReopen() {
        KnowledgeTicket t = apply(null, resolve(T0.plusSeconds(60)));
        t = apply(t, TicketEvent.builder(EventType.REOPENED, "e" + ++seq, "T-1", T0).build());
        assertThat(t.resolvedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void shouldIgnoreARedeliveredEvent() {
        TicketEvent e = escalate(T0);
        KnowledgeTicket t = apply(null, e);
        TicketStep again = KnowledgeTicketApplier.apply(t, e, POLICY);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.ticket().tierMoves()).isEqualTo(1);
    }

    @Test
    void shouldTreatAMissingHandoffAsEveryFieldMissing() {
        assertThat(KnowledgeTicketApplier.missingHandoffFields(null))
                .containsExactly("summary", "stepsTaken", "reason", "impact", "customerExpectation");
        assertThat(KnowledgeTicketApplier.missingHandoffFields(new Handoff("s", List.of(" "), "r", "i", "c")))
                .containsExactly("stepsTaken");
    }

    private KnowledgeTicket apply(KnowledgeTicket t, TicketEvent e) {
        return KnowledgeTicketApplier.apply(t, e, POLICY).ticket();
    }

    private TicketEvent escalate(Instant at) {
        return TicketEvent.builder(EventType.ESCALATED, "e" + ++seq, "T-1", at).fromTier(SupportTier.L1)
                .toTier(SupportTier.L2).handoff(new Handoff("s", List.of("a"), "r", "i", "c")).build();
    }

    private TicketEvent resolve(Instant at) {
        return TicketEvent.builder(EventType.RESOLVED, "e" + ++seq, "T-1", at).rootCause("sso").build();
    }
}
