package dev.slamonitor.processor.sla;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.processor.kernel.Rejection;
import dev.slamonitor.state.TicketSnapshot;

/**
 * What the ticket processor emits; the kind decides the topic ({@link SlaTopology} routes each with
 * {@link dev.slamonitor.processor.kernel.OutputRoutes}).
 */
sealed interface TicketOutput permits TicketOutput.Snapshot, TicketOutput.Raised, TicketOutput.Forgotten, TicketOutput.Refused {

    /** The ticket's current state, for the state topic. */
    record Snapshot(TicketSnapshot snapshot) implements TicketOutput {
    }

    /** An alert (or a lifecycle record of one), for the alerts topic. */
    record Raised(Alert alert) implements TicketOutput {
    }

    /** The ticket was forgotten: a null value on the state topic removes it (compaction, live views). */
    record Forgotten() implements TicketOutput {
    }

    /** An event or acknowledgement refused, for the dead-letter topic. */
    record Refused(Rejection rejection) implements TicketOutput {
    }
}
