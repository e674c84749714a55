package dev.slamonitor.event;

import java.util.List;

/** The handoff contract an escalation carries to the next owner. */
public record Handoff(String summary, List<String> stepsTaken, String reason, String impact,
                      String customerExpectation) {
}
