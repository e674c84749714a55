package dev.slamonitor.processor.sla.topology;

import dev.slamonitor.processor.sla.domain.Ticket;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Instant;
import java.util.List;

/** Projects the processor's ticket state onto the published snapshot contract. */
final class SnapshotMapper {

    private SnapshotMapper() {
    }

    static TicketSnapshot toSnapshot(Ticket t, Instant now) {
        return new TicketSnapshot(t.ticketId(), t.status().wire(), t.severity().wire(), t.tier().wire(), t.owner(),
                t.customer(), t.team(), t.channel(), t.openedAt(), t.lastEventAt(), t.lastAgentActivityAt(),
                t.lastCustomerActivityAt(), t.agentReplies(), t.customerReplies(), t.customerRepliesSinceAgentReply(),
                t.escalations(), t.resolvedAt(), t.rootCause(), t.csat(), t.appliedEvents(), null, null,
                List.of(), List.of(), List.of(), now);
    }
}
