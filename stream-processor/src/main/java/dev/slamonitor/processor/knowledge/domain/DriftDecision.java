package dev.slamonitor.processor.knowledge.domain;

/** What the drift rule decided for one window of one bucket. */
public sealed interface DriftDecision {

    /** The bucket crossed the threshold in {@code window}: emit one DRIFT alert and open an item. */
    record Fire(String window, WindowCount peak, int threshold) implements DriftDecision {
    }

    /** The current count fell below the threshold: the next crossing may alert again. */
    record Rearm(String window, WindowCount current, int threshold) implements DriftDecision {
    }
}
