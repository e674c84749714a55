package dev.slamonitor.processor.sla.model;

import dev.slamonitor.event.TicketEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One generated ticket history: what arrives when. Every step happens at a whole-minute wall-clock
 * instant; before each step the wall clock has been advanced to it (with a punctuation there).
 *
 * @param steps in wall-clock order: deliveries of events (possibly late, possibly again) and acks
 * @param end   the wall-clock instant up to which the history is compared
 */
public record History(int index, String ticketId, ZoneId zone, List<Step> steps, Instant end) {

    /** A delivery of an event, or an acknowledgement of the {@code ackRank}-th root alert raised so far. */
    public record Step(Instant wall, TicketEvent event, int ackRank) {

        public boolean isAck() {
            return event == null;
        }
    }

    public Instant start() {
        return steps.get(0).wall();
    }
}
