package dev.slamonitor.processor.sla.model;

import java.util.List;
import java.util.Map;

/**
 * What one runner (the reference model, the pure engine, the topology) says about one history, in
 * a form the three can be compared in: alerts as {@code TYPE clock deadline Llevel}, sorted, and
 * the final state of each clock as {@code STATE startedAt deadline}.
 */
public record ModelResult(List<String> alerts, Map<String, String> clocks) {
}
