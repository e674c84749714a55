package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.processor.kernel.DeadLetterSink;
import dev.slamonitor.processor.kernel.AlertMeters;
import dev.slamonitor.processor.kernel.InputWatermark;
import java.util.Properties;
import dev.slamonitor.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What every feature topology needs from its surroundings; built once per application (or test).
 *
 * @param alerts         the one set of alert meters every feature counts its alerts on
 * @param inputWatermark how far the application has applied its input (timers wait for it); always
 *                       caught up unless the application measures it on the brokers
 */
public record TopologyEnv(AppConfig config, Topics topics, MeterRegistry metrics, DeadLetterSink deadLetters,
                          AlertMeters alerts, InputWatermark inputWatermark) {

    /**
     * The Kafka Streams properties of this application ({@link StreamsSettings#from}) plus the objects
     * its configured classes need: the dead-letter sink for {@link dev.slamonitor.processor.kernel.DeadLetterExceptionHandler}.
     */
    public Properties streamsProperties() {
        Properties props = StreamsSettings.from(config);
        props.put(DeadLetterSink.CONFIG_KEY, deadLetters);
        return props;
    }

    public static TopologyEnv of(AppConfig config, MeterRegistry metrics) {
        Topics topics = Topics.from(config);
        return new TopologyEnv(config, topics, metrics, new DeadLetterSink(topics.deadLetters(), metrics),
                new AlertMeters(metrics), InputWatermark.CAUGHT_UP);
    }

    public TopologyEnv withInputWatermark(InputWatermark watermark) {
        return new TopologyEnv(config, topics, metrics, deadLetters, alerts, watermark);
    }
}
