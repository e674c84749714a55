package dev.slamonitor.processor.refund;

import dev.slamonitor.processor.ProcessorFixture;
import dev.slamonitor.topic.Topics;

/** Runs the start-up publication again against a running fixture, as a restart would. */
final class GovernanceSeedProbe {

    private GovernanceSeedProbe() {
    }

    static boolean publish(ProcessorFixture fx) {
        return GovernanceChannel.publishDefaultIfAbsent(fx.config, Topics.from(fx.config));
    }
}
