package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.state.AlertSummary;
import dev.slamonitor.state.ClockView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Projects a ticket's SLA state onto the snapshot contract: every clock with its deadline, the alerts raised. */
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
                    c.targetMillis(), Math.min(c.targetMillis(), c.elapsed(now, cal)), cal.describe()));
        }
        return views;
    }

    public static List<AlertSummary> alerts(SlaState state) {
        return state.alerts().stream().map(a -> new AlertSummary(a.alertId(), a.type().name(), a.clock(), a.reason(),
                a.level(), a.firedAt(), a.acknowledged())).toList();
    }
}
