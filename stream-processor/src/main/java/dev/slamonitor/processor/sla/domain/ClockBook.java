package dev.slamonitor.processor.sla.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The clocks of one {@link SlaRun}, by kind, that note every change of a clock as it is made: the
 * {@link SlaEvent}s (activate, pause, resume, fulfil, stop, breach, breach_end, update) and each
 * cycle that completes ({@link ClockCycle}). The one place where the history is derived, so the
 * engine's rules need not know about reporting. Not thread-safe; lives for one run.
 */
final class ClockBook {

    private final Map<ClockKind, SlaClock> clocks = new EnumMap<>(ClockKind.class);
    private final List<ClockCycle> completed = new ArrayList<>();
    private final List<SlaEvent> events = new ArrayList<>();

    ClockBook(Map<ClockKind, SlaClock> initial) {
        clocks.putAll(initial);
    }

    SlaClock get(ClockKind kind) {
        return clocks.get(kind);
    }

    boolean containsKey(ClockKind kind) {
        return clocks.containsKey(kind);
    }

    Collection<SlaClock> values() {
        return clocks.values();
    }

    /**
     * In kind order, like the store reader's map: {@code Map.copyOf} iterates in an order that changes
     * from one JVM to the next, so the same state would be written as different store bytes.
     */
    Map<ClockKind, SlaClock> snapshot() {
        return Collections.unmodifiableMap(new EnumMap<>(clocks));
    }

    SlaHistory addedTo(SlaHistory history) {
        return history.plus(completed, events);
    }

    void put(ClockKind kind, SlaClock next) {
        SlaClock old = clocks.put(kind, next);
        if (old == next || old != null && old.equals(next)) {
            return;
        }
        String clock = kind.wire();
        if (old == null || old.cycle() != next.cycle()) {
            events.add(new SlaEvent(clock, next.cycle(), SlaEvent.ACTIVATE, next.startedAt(), next.targetMillis()));
            if (next.state() == ClockState.PAUSED) {
                events.add(new SlaEvent(clock, next.cycle(), SlaEvent.PAUSE, next.segmentStart(), null));
            }
            return;
        }
        ClockState from = old.state();
        ClockState to = next.state();
        if (from == ClockState.RUNNING && to == ClockState.PAUSED) {
            events.add(new SlaEvent(clock, next.cycle(), SlaEvent.PAUSE, next.segmentStart(), null));
        } else if (from == ClockState.PAUSED && to == ClockState.RUNNING) {
            events.add(new SlaEvent(clock, next.cycle(), SlaEvent.RESUME, next.segmentStart(), null));
        } else if (from.isActive() && to == ClockState.SATISFIED) {
            events.add(new SlaEvent(clock, next.cycle(), SlaEvent.FULFIL, next.stoppedAt(), null));
            completed.add(cycle(next, ClockCycle.MET));
        } else if (from.isActive() && to == ClockState.STOPPED) {
            events.add(new SlaEvent(clock, next.cycle(), SlaEvent.STOP, next.stoppedAt(), null));
            completed.add(cycle(next, ClockCycle.STOPPED));
        } else if (from.isActive() && to == ClockState.BREACHED) {
            events.add(new SlaEvent(clock, next.cycle(), SlaEvent.BREACH, next.deadline(), next.targetMillis()));
        } else if (from == ClockState.BREACHED && old.stoppedAt() == null && next.stoppedAt() != null) {
            events.add(new SlaEvent(clock, next.cycle(), SlaEvent.BREACH_END, next.stoppedAt(), null));
            completed.add(cycle(next, ClockCycle.BREACHED));
        } else if (from == to && (old.targetMillis() != next.targetMillis() || !old.calendar().equals(next.calendar()))) {
            events.add(new SlaEvent(clock, next.cycle(), SlaEvent.UPDATE, next.segmentStart(), next.targetMillis()));
        }
    }

    private static ClockCycle cycle(SlaClock c, String outcome) {
        return new ClockCycle(c.kind().wire(), c.cycle(), c.tier() == null ? null : c.tier().wire(), c.calendar(),
                c.startedAt(), c.stoppedAt(), c.pausedMillis(), c.consumedMillis(), c.targetMillis(), outcome,
                ClockCycle.BREACHED.equals(outcome) ? c.deadline() : null);
    }
}
