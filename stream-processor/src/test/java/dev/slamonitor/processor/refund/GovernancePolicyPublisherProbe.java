package dev.slamonitor.processor.refund;

import dev.slamonitor.processor.ProcessorFixture;
import dev.slamonitor.processor.refund.topology.GovernancePolicyPublisher;
import dev.slamonitor.topic.Topics;

/** Runs the start-up publication again against a running fixture, as a restart would. */
final class GovernancePolicyPublisherProbe {

    private GovernancePolicyPublisherProbe() {
    }

    static boolean publish(ProcessorFixture fx) {
        return GovernancePolicyPublisher.publishDefaultIfAbsent(fx.config, Topics.from(fx.config));
    }
}
