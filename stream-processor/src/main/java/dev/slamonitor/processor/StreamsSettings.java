package dev.slamonitor.processor;

import dev.slamonitor.config.AppConfig;
import dev.slamonitor.config.ConfigException;
import dev.slamonitor.topic.KafkaClientConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * Kafka Streams properties from configuration: every {@code kafka.*} and {@code streams.*} key,
 * exactly-once v2 unless configured otherwise, and Kafka's built-in dead-letter support pointed at
 * our dead-letter topic as a safety net for anything our own refusal paths did not foresee.
 *
 * <p>Recovery defaults (each overridable under {@code streams.}; measured in docs/reliability.md):
 * <ul>
 *   <li>{@code num.standby.replicas=1}: a surviving instance keeps a warm copy of every task's state,
 *       so a failover restores only the tail of the changelog instead of all of it (under exactly-once
 *       an unclean stop wipes the local state of the instance that died).</li>
 *   <li>consumer {@code session.timeout.ms=10000}, {@code heartbeat.interval.ms=2000}: a killed or frozen
 *       instance is out of the group after 10 s instead of 45 s (the broker's minimum is 6 s).</li>
 *   <li>producer {@code transaction.timeout.ms=10000}: a dead instance's open transaction is aborted by
 *       the coordinator within 10 s, so it cannot block the next owner's offset fetch for longer.</li>
 *   <li>restore consumer {@code max.poll.records=5000}: restoration reads the changelog in larger batches.</li>
 * </ul>
 */
public final class StreamsSettings {

    private static final List<String> STATIC_MEMBERSHIP_KEYS = List.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));

    private StreamsSettings() {
    }

    /** Defaults for recovery, applied unless configured (see the class comment). */
    static final Map<String, String> RECOVERY_DEFAULTS = Map.of(
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1",
            StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000",
            StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "2000",
            StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), "10000",
            StreamsConfig.restoreConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "5000");

    public static Properties from(AppConfig config) {
        Properties props = new Properties();
        props.putAll(KafkaClientConfig.common(config));
        props.putAll(config.withPrefix("streams."));
        RECOVERY_DEFAULTS.forEach(props::putIfAbsent);
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
