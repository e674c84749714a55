package dev.slamonitor.event;

import dev.slamonitor.deadletter.DeadLetterReason;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Result of reading one ticket event from bytes: either a valid {@link TicketEvent} or the reason it
 * was refused with every violation found. Errors are values here so that a bad record becomes a dead
 * letter instead of an exception.
 */
public record ParseOutcome(TicketEvent event, DeadLetterReason reason, List<Violation> violations) {

    public static ParseOutcome accepted(TicketEvent event) {
        return new ParseOutcome(event, null, List.of());
    }

    public static ParseOutcome refused(DeadLetterReason reason, List<Violation> violations) {
        return new ParseOutcome(null, reason, List.copyOf(violations));
    }

    public static ParseOutcome refused(DeadLetterReason reason, String field, String message) {
        return refused(reason, List.of(new Violation(field, message)));
    }

    public boolean isAccepted() {
        return event != null;
    }

    /** Human-readable summary of the violations, for dead-letter headers and logs. */
    public String detail() {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
