package dev.slamonitor.event;

/**
 * One reason an input was refused, naming the offending field as a dotted path ("customer.id",
 * "handoff.stepsTaken[2]"); an empty field means the document as a whole.
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
