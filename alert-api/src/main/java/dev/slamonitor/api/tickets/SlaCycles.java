package dev.slamonitor.api.tickets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slamonitor.json.Json;
import dev.slamonitor.state.ClockCycleView;
import dev.slamonitor.state.ClockView;
import dev.slamonitor.state.TicketSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * A ticket's SLAs in the shape of Jira Service Management's SLA API: per clock, the
 * {@code ongoingCycle} (the cycle still counting: running, paused, or breached and not yet stopped;
 * absent otherwise) and the {@code completedCycles}, each with start and stop time, goal, elapsed
 * business time, remaining time and whether it breached. Pure; from the snapshot alone.
 */
final class SlaCycles {

    private SlaCycles() {
    }

    static ArrayNode json(TicketSnapshot t, Instant now) {
        ArrayNode slas = Json.mapper().createArrayNode();
        List<ClockCycleView> completed = t.completedCycles() == null ? List.of() : t.completedCycles();
        for (ClockView c : t.clocks() == null ? List.<ClockView>of() : t.clocks()) {
            ObjectNode sla = slas.addObject();
            sla.put("name", c.name());
            sla.put("calendar", c.calendar());
            if (isOngoing(c)) {
                ObjectNode ongoing = sla.putObject("ongoingCycle");
                if (c.cycle() != null) {
                    ongoing.put("cycle", c.cycle());
                }
                ongoing.put("startTime", c.startedAt().toString());
                if (c.deadline() != null) {
                    ongoing.put("breachTime", c.deadline().toString());
                }
                ongoing.put("breached", "BREACHED".equals(c.state()));
                ongoing.put("paused", "PAUSED".equals(c.state()));
                ongoing.put("goalMillis", c.targetMillis());
                ongoing.put("elapsedBusinessMillis", c.elapsedBusinessMillis());
                TicketJson.remaining(c, now).ifPresentOrElse(r -> ongoing.put("remainingMillis", r.toMillis()),
                        () -> ongoing.put("remainingMillis", Math.max(0, c.targetMillis() - c.elapsedBusinessMillis())));
                if (c.pausedMillis() != null) {
                    ongoing.put("pausedMillis", c.pausedMillis());
                }
            }
            ArrayNode cycles = sla.putArray("completedCycles");
            for (ClockCycleView cycle : completed) {
                if (cycle.clock().equals(c.name())) {
                    ObjectNode node = Json.mapper().valueToTree(cycle);
                    node.remove("clock");
                    node.put("remainingMillis", cycle.goalMillis() - cycle.elapsedBusinessMillis());
                    cycles.add(node);
                }
            }
        }
        return slas;
    }

    /** Still counting: running, paused, or breached and waiting for its stop condition. */
    private static boolean isOngoing(ClockView c) {
        return "RUNNING".equals(c.state()) || "PAUSED".equals(c.state())
                || "BREACHED".equals(c.state()) && c.stoppedAt() == null;
    }
}
