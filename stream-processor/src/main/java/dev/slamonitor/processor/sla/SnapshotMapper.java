package dev.slamonitor.processor.sla;

import dev.slamonitor.processor.sla.domain.SlaPolicy;
import dev.slamonitor.processor.sla.domain.SlaState;
import dev.slamonitor.processor.sla.domain.SlaViews;
import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Instant;
import java.util.List;

/** Projects the processor's ticket state (facts and SLA state) onto the published snapshot contract. */
final class SnapshotMapper {

    private SnapshotMapper() {
    }

    static TicketSnapshot toSnapshot(Ticket t, Instant now) {
        return toSnapshot(t, null, null, now);
    }

    /** @param sla the ticket's SLA state, or null; {@code policy} resolves its calendars */
    static TicketSnapshot toSnapshot(Ticket t, SlaState sla, SlaPolicy policy, Instant now) {
        return new TicketSnapshot(t.ticketId(), t.status().wire(), t.severity().wire(), t.tier().wire(), t.owner(),
                t.customer(), t.team(), t.channel(), t.openedAt(), t.lastEventAt(), t.lastAgentActivityAt(),
                t.lastCustomerActivityAt(), t.agentReplies(), t.customerReplies(), t.customerRepliesSinceAgentReply(),
                t.escalations(), t.resolvedAt(), t.rootCause(), t.csat(), t.appliedEvents(),
                sla == null ? null : sla.policyId(), sla == null ? null : sla.policyVersion(),
                sla == null ? List.of() : SlaViews.clocks(sla, t, policy, now),
                sla == null ? List.of() : SlaViews.alerts(sla),
                sla == null ? List.of() : sla.acks(), now,
                sla == null ? List.of() : SlaViews.completedCycles(sla), sla == null ? List.of() : SlaViews.events(sla));
    }
}
