package dev.slamonitor.processor.sla.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What a ticket's SLA clocks did, for reporting: every completed cycle ({@link ClockCycle}) and the
 * clock events ({@link SlaEvent}, activate / pause / resume / fulfil / stop / breach ...), oldest
 * first. Bounded ({@link #MAX_CYCLES}, {@link #MAX_EVENTS}; the oldest are dropped first) so a ticket
 * that reopens forever cannot grow its state without end. Immutable.
 */
public record SlaHistory(List<ClockCycle> cycles, List<SlaEvent> events) {

    public static final int MAX_CYCLES = 60;
    public static final int MAX_EVENTS = 200;
    public static final SlaHistory EMPTY = new SlaHistory(List.of(), List.of());

    /** States stored before the history existed have none: read as empty. */
    public SlaHistory {
        cycles = cycles == null ? List.of() : List.copyOf(cycles);
        events = events == null ? List.of() : List.copyOf(events);
    }

    SlaHistory plus(List<ClockCycle> newCycles, List<SlaEvent> newEvents) {
        if (newCycles.isEmpty() && newEvents.isEmpty()) {
            return this;
        }
        return new SlaHistory(bounded(cycles, newCycles, MAX_CYCLES), bounded(events, newEvents, MAX_EVENTS));
    }

    private static <T> List<T> bounded(List<T> old, List<T> added, int max) {
        List<T> all = new ArrayList<>(old);
        all.addAll(added);
        return all.size() <= max ? all : all.subList(all.size() - max, all.size());
    }
}
