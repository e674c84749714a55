package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.event.EventTimeWindow;
import dev.slamonitor.processor.ingest.BoundedTimestampExtractor;
import dev.slamonitor.processor.ingest.DeadLetterExceptionHandler;
import dev.slamonitor.processor.ingest.ErrorContainingProcessorWrapper;
import dev.slamonitor.topic.KafkaClientConfig;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams properties from configuration: every {@code kafka.*} and {@code streams.*} key,
 * exactly-once v2 unless configured otherwise, and Kafka's dead-letter support (KIP-1034 handler
 * responses) for anything our own refusal paths did not foresee: {@link DeadLetterExceptionHandler}
 * writes those records to our dead-letter topic with our headers and counter, and
 * {@link ErrorContainingProcessorWrapper} brings Errors to it too. Input timestamps are bounded by
 * {@link BoundedTimestampExtractor}.
 */
public final class StreamsSettings {

    private static final List<String> STATIC_MEMBERSHIP_KEYS = List.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));

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
        // any failure on one record, Errors included (see ErrorContainingProcessorWrapper), is a dead letter
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class.getName());
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class.getName());
        props.putIfAbsent(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, ErrorContainingProcessorWrapper.class.getName());
        props.putIfAbsent(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, BoundedTimestampExtractor.class.getName());
        props.put(BoundedTimestampExtractor.SKEW_MS_KEY, Long.toString(EventTimeWindow.from(config).maxClockSkew().toMillis()));
        return props;
    }

    /**
     * What a normal close does with the group membership. Without static membership the instance
     * leaves the group, because the broker would otherwise keep its partitions assigned to a dead
     * member until {@code session.timeout.ms} (45 s) runs out, and nothing is processed meanwhile.
     * With static membership ({@code group.instance.id}, also under the {@code consumer.} or
     * {@code main.consumer.} prefix) it deliberately remains: a leave would remove the static member
     * and cost the very rebalance static membership exists to avoid on a rolling restart.
     */
    public static CloseOptions.GroupMembershipOperation groupMembershipOnClose(Properties props) {
        boolean staticMember = STATIC_MEMBERSHIP_KEYS.stream().anyMatch(k -> !props.getProperty(k, "").isBlank());
        return staticMember ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                : CloseOptions.GroupMembershipOperation.LEAVE_GROUP;
    }

    private static void requireNumber(AppConfig config, Properties props, String key) {
        String value = props.getProperty(key);
        if (value != null && !value.matches("\\d+")) {
            throw new ConfigException(config.invalid("streams." + key, "a number of milliseconds").getMessage());
        }
    }
}
