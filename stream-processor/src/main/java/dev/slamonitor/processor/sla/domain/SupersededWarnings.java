package dev.slamonitor.processor.sla.domain;

import dev.slamonitor.alert.Alert;
import dev.slamonitor.alert.AlertType;
import java.util.List;

/**
 * Counts warnings that will never be sent because the breach they warn of fired in the same step
 * (their point and the deadline both passed while the processor was down, behind or holding its
 * timers). A warning whose breach is still in the future is never superseded: it fires late instead.
 */
public final class SupersededWarnings {

    private SupersededWarnings() {
    }

    /** The number of SLA clocks that went from "running, warning pending" to "breached" without a warning. */
    public static int count(SlaState before, SlaState after, List<Alert> emitted) {
        return clocks(before, after, emitted).size();
    }

    /** The wire names of those clocks. */
    public static java.util.Set<String> clocks(SlaState before, SlaState after, List<Alert> emitted) {
        java.util.Set<String> superseded = new java.util.HashSet<>();
        if (before == null || after == null) {
            return superseded;
        }
        for (SlaClock was : before.clocks().values()) {
            SlaClock now = after.clocks().get(was.kind());
            boolean warningPending = was.kind().isSlaTarget() && was.state() == ClockState.RUNNING && !was.warned();
            if (warningPending && now != null && now.cycle() == was.cycle() && now.state() == ClockState.BREACHED
                    && emitted.stream().noneMatch(a -> a.type() == AlertType.WARNING && was.kind().wire().equals(a.clock()))) {
                superseded.add(was.kind().wire());
            }
        }
        return superseded;
    }
}
