package dev.slamonitor.standalone.demo;

import dev.slamonitor.event.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A ticket's scripted life: events to publish at offsets after the ticket opens. Each step builds its
 * event when it is due, so event time is real time.
 */
final class Scenario {

    record Step(Duration after, Function<Instant, TicketEvent> event) {
    }

    private final String name;
    private final List<Step> steps = new ArrayList<>();

    Scenario(String name) {
        this.name = name;
    }

    Scenario at(Duration after, Function<Instant, TicketEvent> event) {
        steps.add(new Step(after, event));
        return this;
    }

    String name() {
        return name;
    }

    List<Step> steps() {
        return steps;
    }
}
