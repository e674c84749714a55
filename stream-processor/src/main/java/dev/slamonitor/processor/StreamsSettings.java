package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.topic.KafkaClientConfig;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * Kafka Streams properties from configuration: every {@code kafka.*} and {@code streams.*} key,
 * exactly-once v2 unless configured otherwise, and Kafka's built-in dead-letter support pointed at
 * our dead-letter topic as a safety net for anything our own refusal paths did not foresee.
 */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    public static Properties from(AppConfig config) {
        Properties props = new Properties();
        props.putAll(KafkaClientConfig.common(config));
        props.putAll(config.withPrefix("streams."));
        String guarantee = props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) && !StreamsConfig.AT_LEAST_ONCE.equals(guarantee)) {
            throw config.invalid("streams.processing.guarantee", StreamsConfig.EXACTLY_ONCE_V2 + " or " + StreamsConfig.AT_LEAST_ONCE);
        }
        requireNumber(config, props, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        requireNumber(config, props, StreamsConfig.POLL_MS_CONFIG);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.string("topic.dead.letters"));
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class.getName());
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        return props;
    }

    private static void requireNumber(AppConfig config, Properties props, String key) {
        String value = props.getProperty(key);
        if (value != null && !value.matches("\\d+")) {
            throw new ConfigException(config.invalid("streams." + key, "a number of milliseconds").getMessage());
        }
    }
}
