package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.state.AlertSummary;
import dev.slamonitor.state.ClockCycleView;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.SlaEventView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects a ticket's SLA state onto the snapshot contract: every clock with its deadline, the alerts
 * raised, the completed clock cycles and the clock events.
 */
public final class SlaViews {

    private SlaViews() {
    }

    /** Clocks in {@link ClockKind} order; elapsed time is measured up to {@code now} for running clocks. */
    public static List<ClockView> clocks(SlaState state, Ticket ticket, SlaPolicy policy, Instant now) {
        List<ClockView> views = new ArrayList<>();
        for (ClockKind kind : ClockKind.values()) {
            SlaClock c = state.clocks().get(kind);
            if (c == null) {
                continue;
            }
            BusinessCalendar cal = policy.calendar(c.calendar(), ticket);
            views.add(new ClockView(kind.wire(), c.state().name(), c.startedAt(), c.deadline(), c.warnAt(),
                    c.targetMillis(), Math.min(c.targetMillis(), c.elapsed(now, cal)), cal.describe(), c.cycle(),
                    c.stoppedAt(), c.pausedMillis()));
        }
        return views;
    }

    /** Completed cycles of every clock, oldest first. */
    public static List<ClockCycleView> completedCycles(SlaState state) {
        return state.history().cycles().stream().map(c -> new ClockCycleView(c.clock(), c.cycle(), c.tier(), c.calendar(),
                c.startedAt(), c.stoppedAt(), c.goalMillis(), c.elapsedBusinessMillis(), c.pausedMillis(), c.outcome(),
                c.breached(), c.breachedAt())).toList();
    }

    /** Clock events, oldest first. */
    public static List<SlaEventView> events(SlaState state) {
        return state.history().events().stream()
                .map(e -> new SlaEventView(e.clock(), e.cycle(), e.type(), e.at(), e.goalMillis())).toList();
    }

    public static List<AlertSummary> alerts(SlaState state) {
        return state.alerts().stream().map(a -> new AlertSummary(a.alertId(), a.type().name(), a.clock(), a.reason(),
                a.level(), a.firedAt(), a.acknowledged())).toList();
    }
}
