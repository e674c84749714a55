package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.ingest.DeadLetterSink;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/** What every feature topology needs from its surroundings; built once per application (or test). */
public record TopologyEnv(AppConfig config, Topics topics, MeterRegistry metrics, DeadLetterSink deadLetters) {

    public static TopologyEnv of(AppConfig config, MeterRegistry metrics) {
        Topics topics = Topics.from(config);
        return new TopologyEnv(config, topics, metrics, new DeadLetterSink(topics.deadLetters(), metrics));
    }
}
